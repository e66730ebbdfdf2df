using System.Runtime.Versioning;

// The end-to-end tests mount through FUSE and drive the mount with coreutils: Linux only.
[assembly: SupportedOSPlatform("linux")]
