using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <content>
/// Extended attributes. The service keeps none of a user's, so none can be set; the mount shows none
/// for now (attributes it derives from the service, such as share links, would be listed here).
/// </content>
public sealed partial class MountedFileSystem
{
    public ValueTask<FsResult<IReadOnlyList<string>>> ListExtendedAttributesAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        var found = FindNode(nodeId);
        return ValueTask.FromResult(found.IsSuccess ? FsResult.Success<IReadOnlyList<string>>([]) : found.Error);
    }

    public ValueTask<FsResult<byte[]>> GetExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken)
    {
        var found = FindNode(nodeId);
        return ValueTask.FromResult<FsResult<byte[]>>(found.IsSuccess ? FsError.NoAttribute : found.Error);
    }

    // NotSupported, which cp -a, rsync -X and mv across file systems take as "this file system keeps no attributes".
    public ValueTask<FsError> SetExtendedAttributeAsync(ulong nodeId, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExtendedAttributeChange(nodeId, FsError.NotSupported));

    public ValueTask<FsError> RemoveExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExtendedAttributeChange(nodeId, FsError.NoAttribute));

    private FsError ExtendedAttributeChange(ulong nodeId, FsError refusal)
    {
        var found = FindNode(nodeId);
        return !found.IsSuccess ? found.Error : _options.ReadOnly ? FsError.ReadOnly : refusal;
    }
}
