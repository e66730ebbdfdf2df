using System.Globalization;
using System.Text;
using FsMount.Core.Remote;

namespace FsMount.Core.Vfs;

/// <summary>
/// The read-only extended attributes a node shows: what the service keeps about a remote file, taken
/// from the file as its listing (or its upload) reported it, so reading them costs no call. A file
/// whose content is staged (new, or overwritten and not yet uploaded) shows none: the link, checksum
/// and date would be those of content it no longer has. A folder shows none (the service gives a
/// folder a link only when it is shared, which listings do not carry). A value the service did not
/// give (an upload's report has no MIME type; the folder's next listing brings it) is left out.
/// </summary>
internal sealed class ServiceAttributes
{
    private const string UploadedFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    private readonly IRemoteDrive _drive;

    public ServiceAttributes(IRemoteDrive drive) => _drive = drive;

    public RemoteAttributeNames Names => _drive.AttributeNames;

    /// <summary>The node's attributes in a fixed order, names with their UTF-8 values.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Of(Node node)
    {
        if (UploadedContentOf(node) is not { } remote)
        {
            return [];
        }

        var names = _drive.AttributeNames;
        var attributes = new List<KeyValuePair<string, byte[]>>(4);
        Add(attributes, names.Link, _drive.LinkOf(remote));
        Add(attributes, names.Checksum, remote.Checksum?.ToLowerInvariant());
        Add(attributes, names.ContentType, remote.ContentType);
        Add(attributes, names.Uploaded, remote.Uploaded.ToString(UploadedFormat, CultureInfo.InvariantCulture));
        return attributes;
    }

    /// <summary>The node's permanent link, the value of its link attribute; null where it shows none.</summary>
    public string? LinkOf(Node node) => UploadedContentOf(node) is { } remote ? _drive.LinkOf(remote) : null;

    private static RemoteFile? UploadedContentOf(Node node) => node is FileNode { Remote: { } remote, Staged: null } ? remote : null;

    private static void Add(List<KeyValuePair<string, byte[]>> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes.Add(new(name, Encoding.UTF8.GetBytes(value)));
        }
    }
}
