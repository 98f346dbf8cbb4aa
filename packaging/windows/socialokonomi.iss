; Inno Setup script: wraps the bundle (python -m tools.build_bundle dist) in a Windows installer.
;
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\socialokonomi packaging\windows\socialokonomi.iss
;
; Per-user installation without administrator rights: the program goes to %LOCALAPPDATA%\Programs\Socialokonomi
; ({autopf} when PrivilegesRequired=lowest), with an entry in the user's Start menu. IT can install for all
; users from the command line with /ALLUSERS (then it asks for administrator rights and uses Program Files).
;
; The user's data is never in the program folder: the database, its backups (<database>-sikkerhedskopier\
; beside it) and the log are in %LOCALAPPDATA%\Socialokonomi\ (platformdirs, see models/store.py and
; desktop/app.py). The uninstaller removes only the files this installer put in the program folder, so the
; data and the backups stay where they are. Saved as UTF-8 with a byte-order mark, as Inno Setup reads it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\socialokonomi"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
; SetupIcon (optional): the .ico for the installer itself, e.g. drawn by tools.build_bundle.render_icon.

[Setup]
; The AppId identifies the program across versions (upgrades install over it): never change it.
AppId={{6F1C2B7E-3D54-4E0A-9B8F-5A2C1D7E9F30}
AppName=Socialøkonomi
AppVersion={#AppVersion}
AppVerName=Socialøkonomi {#AppVersion}
AppPublisher=Den socialøkonomiske enhed
DefaultDirName={autopf}\Socialokonomi
DefaultGroupName=Socialøkonomi
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
; Qt 6 runs on Windows 10 1809 (build 17763) or later: refuse older systems instead of installing a program
; that does not start.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=socialokonomi-{#AppVersion}-installer
#ifdef SetupIcon
SetupIconFile={#SetupIcon}
#endif
UninstallDisplayIcon={app}\socialokonomi.exe
UninstallDisplayName=Socialøkonomi
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Socialøkonomi
VersionInfoDescription=Installation af Socialøkonomi
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; Closes a running Socialøkonomi (Restart Manager) before files are replaced or removed.
CloseApplications=yes

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the previous version's libraries (DLLs, .pyd files, Qt plugins), so none of them is
; left beside the new ones. The user's data is not in the program folder (see above).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Socialøkonomi"; Filename: "{app}\socialokonomi.exe"; Comment: "Register og årsrapport for den socialøkonomiske enhed"
Name: "{autodesktop}\Socialøkonomi"; Filename: "{app}\socialokonomi.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\socialokonomi.exe"; Description: "{cm:LaunchProgram,Socialøkonomi}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: nothing outside what was installed is removed, so
; %LOCALAPPDATA%\Socialokonomi (database, backups, log) and the window settings in the registry stay.
