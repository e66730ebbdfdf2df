using System.Threading.RateLimiting;
using FsMount.OneFichier.Activity;
using FsMount.OneFichier.Errors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// Builds the one resilience pipeline that every call of an account goes through. From the outside in:
/// retry (exponential back-off with jitter on transient failures, no delay of its own after a flood since
/// the gate makes everyone wait), the flood gate, listing spacing, the account's rate limiter, the turn
/// among the account's other processes on the host when they share a pacing file, and the per-attempt
/// time-out. So every attempt, retries included, waits at the gate, and every attempt of an
/// API call takes a rate token.
/// </summary>
internal static class OneFichierPipeline
{
    /// <summary>The endpoint name, for logs.</summary>
    public static readonly ResiliencePropertyKey<string> EndpointKey = new("onefichier.endpoint");

    /// <summary>Set on listings: the folder whose listing must be spaced.</summary>
    public static readonly ResiliencePropertyKey<long> ListedFolderKey = new("onefichier.listed-folder");

    /// <summary>Time-out of one attempt; <see cref="Timeout.InfiniteTimeSpan"/> for upload bodies.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeoutKey = new("onefichier.attempt-timeout");

    /// <summary>What the call may be retried as, from <see cref="EndpointRetrySafety"/>.</summary>
    public static readonly ResiliencePropertyKey<RetrySafety> RetrySafetyKey = new("onefichier.retry-safety");

    /// <summary>
    /// Set on transfers from the download host (ranged GETs on a token URL). The service's rate limit is
    /// one of API calls; the token was already paced when <c>get_token.cgi</c> issued it, and pacing each
    /// range as well made a sequential read wait half a second per range (and a media scan per file).
    /// </summary>
    public static readonly ResiliencePropertyKey<bool> UnpacedKey = new("onefichier.unpaced");

    /// <summary>Counts attempts of one execution, for the per-call log line.</summary>
    public static readonly ResiliencePropertyKey<int> RetriesKey = new("onefichier.retries");

    // Grants every lease at once: what a transfer from the download host goes through instead of the account's bucket.
    private static readonly RateLimiter s_unpaced = RateLimitPartition.GetNoLimiter(0).Factory(0);

    public static ResiliencePipeline Create(
        OneFichierOptions options,
        ServiceContact contact,
        FloodGate floodGate,
        ListingSpacer listingSpacer,
        RateLimiter rateLimiter,
        HostPacing? hostPacing,
        TimeProvider time,
        ILogger logger,
        Action<CallRetry> retried)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args, options.MaxRetries, contact)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is OneFichierException { Kind: OneFichierFailureKind.Flood } ? TimeSpan.Zero : null),
                OnRetry = args =>
                {
                    args.Context.Properties.Set(RetriesKey, args.AttemptNumber + 1);
                    var endpoint = args.Context.Properties.GetValue(EndpointKey, "call");
                    var reason = FailureReason.Of(args.Outcome.Exception);
                    Log.Retrying(logger, endpoint, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
                    retried(new CallRetry(endpoint, args.AttemptNumber + 1, args.RetryDelay, reason, time.GetUtcNow()));
                    return ValueTask.CompletedTask;
                },
            })
            .AddStrategy(_ => new FloodGateStrategy(floodGate, hostPacing, time, logger))
            .AddStrategy(_ => new ListingSpacingStrategy(listingSpacer))
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => (args.Context.Properties.GetValue(UnpacedKey, false) ? s_unpaced : rateLimiter)
                    .AcquireAsync(1, args.Context.CancellationToken),
            });
        if (hostPacing is not null)
        {
            builder.AddStrategy(_ => new HostPacingStrategy(hostPacing));
        }

        return builder
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(AttemptTimeoutKey, options.ApiCallTimeout)),
            })
            .Build();
    }

    /// <summary>The account's rate limiter: a token bucket refilled one call at a time.</summary>
    public static TokenBucketRateLimiter CreateRateLimiter(OneFichierOptions options) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.CallBurst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.CallsPerSecond),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    // A call that creates something is sent again only when the first attempt certainly did nothing: the service
    // refused it (flood) or it never left. Anything else is the caller's to check before sending it again.
    private static bool ShouldRetry(RetryPredicateArguments<object> args, int maxRetries, ServiceContact contact)
    {
        if (maxRetries == 0 || args.Outcome.Exception is not { } exception
            || OneFichierFailureClassifier.Classify(exception, args.Context.CancellationToken) is not (OneFichierFailureKind.Transient or OneFichierFailureKind.Flood))
        {
            return false;
        }

        if (!contact.HasAnswered && ServiceContact.IsConnectFailure(exception) && args.AttemptNumber >= ServiceContact.RetriesBeforeFirstAnswer)
        {
            return false;
        }

        return args.Context.Properties.GetValue(RetrySafetyKey, RetrySafety.Creating) != RetrySafety.Creating
            || !OneFichierFailureClassifier.MayHaveTakenEffect(exception);
    }
}
