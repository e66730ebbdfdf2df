using Polly;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// Makes every attempt of an API call wait for its turn among the account's processes on this host
/// (<see cref="HostPacing"/>), after this process's own pacing let it through.
/// </summary>
internal sealed class HostPacingStrategy : ResilienceStrategy
{
    private readonly HostPacing _pacing;

    public HostPacingStrategy(HostPacing pacing)
    {
        _pacing = pacing;
    }

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (context.Properties.GetValue(OneFichierPipeline.UnpacedKey, false))
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        HostListingTurn? turn;
        try
        {
            turn = await _pacing.WaitTurnAsync(
                context.Properties.TryGetValue(OneFichierPipeline.ListedFolderKey, out var folderId) ? folderId : null,
                context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException canceled)
        {
            return Outcome.FromException<TResult>(canceled);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (turn is { } listing && outcome.Exception is { } failure && ServiceContact.IsConnectFailure(failure))
        {
            await _pacing.GiveBackAsync(listing).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        return outcome;
    }
}
