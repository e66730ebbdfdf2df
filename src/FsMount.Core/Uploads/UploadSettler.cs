using FsMount.Core.Errors;
using FsMount.Core.Metadata;
using FsMount.Core.Remote;
using FsMount.Core.Staging;
using FsMount.Core.Vfs;

namespace FsMount.Core.Uploads;

/// <summary>
/// The namespace's side of an upload: what the mount shows while a staged file's remote copies
/// come and go, and the switch of its node from the staged copy to the uploaded file.
/// </summary>
internal sealed class UploadSettler
{
    private readonly Namespace _namespace;
    private readonly TimeProvider _time;

    public UploadSettler(Namespace names, TimeProvider time)
    {
        _namespace = names;
        _time = time;
    }

    /// <summary>
    /// Hides a remote copy of a staged file (an upload not bound yet, one superseded by newer bytes,
    /// the file an overwrite replaces) until a listing no longer shows it: the staged entry already
    /// stands for it.
    /// </summary>
    public void Hide(PlacedFile placed)
    {
        lock (_namespace.Gate)
        {
            _namespace.ContentsOf(placed.FolderId).Hide(EntryKey.ForFile(placed.File.Id), _time.GetUtcNow());
            _namespace.Refresh(placed.FolderId);
        }
    }

    /// <summary>
    /// Shows <paramref name="uploaded"/> in place of the staged entry: the node keeps its id and is
    /// bound to the remote file, with the times and permissions the user gave the staged copy. False
    /// when a writer came for the file meanwhile (its bytes are newer than the upload). Renames and
    /// removals of staged files change the journal under the same lock, so they never cross a bind:
    /// when one did between the last step and this one, the bind throws and the run is retried.
    /// </summary>
    public bool TryBind(StagedFile staged, PlacedFile uploaded, UploadRun run)
    {
        lock (_namespace.Gate)
        {
            if (run.StopRequested || staged.HasWriters)
            {
                return false;
            }

            var state = staged.State;
            if (state.Deleted || state.Replaces.Count > 0 || state.Unresolved.Count > 0
                || state.Uploaded != uploaded || state.UploadedVersion != state.Version
                || uploaded.FolderId != state.FolderId || uploaded.File.Name != state.Name)
            {
                throw new FsException(FsError.Unavailable, $"'{state.Name}' changed while its upload was being settled");
            }

            Bind(staged, uploaded.File);
            return true;
        }
    }

    /// <summary>
    /// Shows <paramref name="remote"/>, the staged file's content on the service, in place of the staged
    /// entry of its folder: the node keeps its id and is bound to the remote file, with the times and
    /// permissions the user gave the staged copy. Under the namespace lock.
    /// </summary>
    public void Bind(StagedFile staged, RemoteFile remote)
    {
        var state = staged.State;
        var file = remote with { Name = state.Name };
        var key = EntryKey.ForFile(file.Id);
        var contents = _namespace.ContentsOf(state.FolderId);
        var now = _time.GetUtcNow();
        contents.Hide(EntryKey.ForStaged(staged.Id), now);
        contents.Show(ListingEntry.ForFile(file), now);
        var kept = new KeptAttributes(state.LastWriteTime, state.LastAccessTime, state.Permissions);
        _namespace.Kept.Set(key, kept);
        if (staged.Node is { } node && node.Staged == staged)
        {
            _namespace.Nodes.Rekey(node, key);
            node.Remote = file;
            node.Staged = null;
            node.Kept = kept;
            _namespace.InvalidateNode(node, content: false);
        }

        _namespace.Refresh(state.FolderId);
    }
}
