using Polly;

namespace FsMount.OneFichier.Resilience;

/// <summary>Makes every attempt of a listing wait for its turn at the <see cref="ListingSpacer"/>.</summary>
internal sealed class ListingSpacingStrategy : ResilienceStrategy
{
    private readonly ListingSpacer _spacer;

    public ListingSpacingStrategy(ListingSpacer spacer)
    {
        _spacer = spacer;
    }

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (!context.Properties.TryGetValue(OneFichierPipeline.ListedFolderKey, out var folderId))
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        ListingClaim claim;
        try
        {
            claim = await _spacer.WaitTurnAsync(folderId, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException canceled)
        {
            return Outcome.FromException<TResult>(canceled);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is { } failure && ServiceContact.IsConnectFailure(failure))
        {
            _spacer.GiveBack(claim);
        }

        return outcome;
    }
}
