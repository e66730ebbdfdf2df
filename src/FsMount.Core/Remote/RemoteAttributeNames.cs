namespace FsMount.Core.Remote;

/// <summary>
/// The extended-attribute names under which a mount shows what the service keeps about a file, chosen
/// by the drive (the core knows no service). Every name under <see cref="Prefix"/> is the service's:
/// none of them can be set or removed through the mount.
/// </summary>
/// <param name="Prefix">The namespace of all of them, such as <c>user.fichier.</c>.</param>
/// <param name="Link">The file's permanent link to share.</param>
/// <param name="Checksum">The service's checksum of the content, lower-case hex.</param>
/// <param name="ContentType">The MIME type the service gives the file.</param>
/// <param name="Uploaded">When the file was uploaded, ISO 8601 with the service's offset.</param>
public sealed record RemoteAttributeNames(string Prefix, string Link, string Checksum, string ContentType, string Uploaded)
{
    public bool IsReserved(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
