; Inno Setup 6 script: the Windows installer for hmip-desktop.
;
; build_installer.py runs it (when Inno Setup's compiler iscc.exe is on PATH) after
; freezing the application and before self-testing it:
;
;     iscc /DAppVersion=0.1.0 /DSourceDir=C:\path\to\dist\hmip-desktop /OC:\path\to\dist packaging\hmip-desktop.iss
;
; giving dist\hmip-desktop-<version>-setup.exe. Get Inno Setup 6 from
; https://jrsoftware.org/isinfo.php and add its folder (e.g. C:\Program Files (x86)\Inno Setup 6)
; to PATH. Sign the result with signtool before it goes to laptops (see packaging/README.md).
;
; The installer needs no administrator rights: by default it installs for the current
; user under %LOCALAPPDATA%\Programs (an administrator may choose all users). Inspectors'
; data (field stores, keys, logs) lives in the per-user data folder, not here, so
; uninstalling or upgrading never touches it.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (build_installer.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\hmip-desktop"
#endif

[Setup]
; The AppId identifies the application across versions: never change it.
AppId={{6A0C9E7B-3F54-4C39-9A0E-5D2B8C41F7A3}
AppName=hmip-desktop
AppVersion={#AppVersion}
AppVerName=hmip-desktop {#AppVersion}
AppPublisher=HM Inspectorate of Probation
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\hmip-desktop
DefaultGroupName=hmip-desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=hmip-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\hmip-desktop.exe
; Close a running copy before replacing its files.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole one-folder application as PyInstaller made it (the executable, VERSION, _internal\).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries as a whole: no stale file of an older version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\hmip-desktop (demo inspection)"; Filename: "{app}\hmip-desktop.exe"; Parameters: "--demo"
Name: "{autoprograms}\hmip-desktop set-up (lead inspector)"; Filename: "{app}\hmip-desktop.exe"; Parameters: "--setup"

[Run]
; Prove the installed copy works on this laptop (offscreen, temporary files only); the
; report is written to self-test.txt in the log folder (%LOCALAPPDATA%\HMIP\hmip-desktop\Logs).
Filename: "{app}\hmip-desktop.exe"; Parameters: "--self-test"; Description: "Check the installation (self-test)"; Flags: postinstall skipifsilent unchecked runhidden waituntilterminated
