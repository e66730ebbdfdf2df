namespace FsMount.Core.Staging;

/// <summary>
/// One upload of a staged file in progress: a writer that arrives cancels it through
/// <see cref="StopAsync"/> and waits until the upload has noted what it sent. Disposing it marks the run over.
/// </summary>
internal sealed class UploadRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when a writer needs the file.</summary>
    public CancellationToken StopToken => _stop.Token;

    public bool StopRequested => _completed.Task.IsCompleted || _stop.IsCancellationRequested;

    public async ValueTask StopAsync()
    {
        try
        {
            await _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the writer finding it and now.
        }

        await _completed.Task;
    }

    public void Dispose()
    {
        _completed.TrySetResult();
        _stop.Dispose();
    }
}
