using FsMount.Core.Errors;

namespace FsMount.Core.Vfs;

/// <content>
/// Extended attributes. The service keeps none of a user's, so none can be set; the mount shows the
/// service's own facts about each file (<see cref="ServiceAttributes"/>), which cannot be changed.
/// </content>
public sealed partial class MountedFileSystem
{
    public ValueTask<FsResult<IReadOnlyList<string>>> ListExtendedAttributesAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        var found = FindNode(nodeId);
        return ValueTask.FromResult(found.IsSuccess
            ? FsResult.Success<IReadOnlyList<string>>(_serviceAttributes.Of(found.Value).Select(attribute => attribute.Key).ToList())
            : found.Error);
    }

    public ValueTask<FsResult<byte[]>> GetExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken)
    {
        var found = FindNode(nodeId);
        if (!found.IsSuccess)
        {
            return ValueTask.FromResult<FsResult<byte[]>>(found.Error);
        }

        foreach (var attribute in _serviceAttributes.Of(found.Value))
        {
            if (string.Equals(attribute.Key, name, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(FsResult.Success(attribute.Value));
            }
        }

        return ValueTask.FromResult<FsResult<byte[]>>(FsError.NoAttribute);
    }

    // NotSupported, which cp -a, rsync -X and mv across file systems take as "this file system keeps no attributes".
    public ValueTask<FsError> SetExtendedAttributeAsync(ulong nodeId, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExtendedAttributeChange(nodeId, name, FsError.NotSupported));

    public ValueTask<FsError> RemoveExtendedAttributeAsync(ulong nodeId, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExtendedAttributeChange(nodeId, name, FsError.NoAttribute));

    // The service's attributes are refused with NotPermitted (EPERM, as for an immutable attribute) on any
    // mount, read-only or not: no mount option could make them changeable.
    private FsError ExtendedAttributeChange(ulong nodeId, string name, FsError refusal)
    {
        var found = FindNode(nodeId);
        return !found.IsSuccess ? found.Error
            : _serviceAttributes.Names.IsReserved(name) ? FsError.NotPermitted
            : _options.ReadOnly ? FsError.ReadOnly
            : refusal;
    }
}
