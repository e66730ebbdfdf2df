using FsMount.Fuse;
using FsMount.OneFichier;

namespace FsMount.Cli.Commands;

/// <summary>
/// A file of a running mount as the mount shows it: its size and modification time from stat, and
/// what the service keeps about it from the mount's extended attributes (null when the mount shows
/// none: a file whose upload is still pending has no link or checksum yet). Read through the mounted
/// path, so the mount answers from its cache and no API call is made.
/// </summary>
internal sealed record MountedFile(
    string Path,
    long Size,
    DateTimeOffset Modified,
    string? Link,
    string? Whirlpool,
    string? ContentType,
    string? Uploaded)
{
    /// <exception cref="MountedFileException">The path is not a file of an fsmount mount; the message says what to do.</exception>
    public static MountedFile Read(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new MountedFileException("fsmount: link, info and verify read a mounted file's extended attributes, which only Linux mounts serve for now");
        }

        var file = new FileInfo(path);
        if (!file.Exists && !Directory.Exists(path))
        {
            throw new MountedFileException($"fsmount: {path} does not exist");
        }

        if (!MountedPath.IsOnFsMount(path))
        {
            throw new MountedFileException($"fsmount: {path} is not on an fsmount mount; give a path inside a running mount (see: fsmount mount --help)");
        }

        if (!file.Exists)
        {
            throw new MountedFileException($"fsmount: {path} is a folder; give a file (the service gives folders no link)");
        }

        var names = OneFichierDrive.ServiceAttributeNames;
        try
        {
            return new MountedFile(
                path,
                file.Length,
                new DateTimeOffset(file.LastWriteTime),
                MountedPath.GetAttribute(path, names.Link),
                MountedPath.GetAttribute(path, names.Checksum),
                MountedPath.GetAttribute(path, names.ContentType),
                MountedPath.GetAttribute(path, names.Uploaded));
        }
        catch (IOException failure)
        {
            throw new MountedFileException($"fsmount: cannot read {failure.Message}; is the mount still running?", failure);
        }
    }
}
