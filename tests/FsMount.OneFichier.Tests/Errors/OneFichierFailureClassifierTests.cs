using System.Net;
using System.Text;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Wire;
using Polly.Timeout;

namespace FsMount.OneFichier.Tests.Errors;

public sealed class OneFichierFailureClassifierTests
{
    [Theory]
    [InlineData(374)]
    [InlineData(412)]
    [InlineData(223)]
    [InlineData(887)]
    public void Flood_codes_are_floods(int code) =>
        Assert.Equal(OneFichierFailureKind.Flood, OneFichierFailureClassifier.Classify(code, HttpStatusCode.Forbidden, $"x #{code}"));

    // user/info.cgi's own ration: the other endpoints keep working, so nothing is paused globally.
    [Fact]
    public void Code_38_is_the_account_info_ration_not_a_flood() =>
        Assert.Equal(OneFichierFailureKind.Rationed, OneFichierFailureClassifier.Classify(38, HttpStatusCode.Forbidden, "Flood detected #38"));

    [Theory]
    [InlineData(93)]
    [InlineData(186)]
    [InlineData(200)]
    [InlineData(469)]
    [InlineData(631)]
    [InlineData(620)]
    [InlineData(913)]
    public void Account_and_resource_codes_are_permanent_even_with_5xx(int code) =>
        Assert.Equal(OneFichierFailureKind.Permanent, OneFichierFailureClassifier.Classify(code, HttpStatusCode.ServiceUnavailable, $"x #{code}"));

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, OneFichierFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadGateway, OneFichierFailureKind.Transient)]
    [InlineData(HttpStatusCode.RequestTimeout, OneFichierFailureKind.Transient)]
    [InlineData(HttpStatusCode.TooManyRequests, OneFichierFailureKind.Flood)]
    [InlineData(HttpStatusCode.BadRequest, OneFichierFailureKind.Permanent)]
    public void Codeless_answers_are_classified_by_status(HttpStatusCode status, OneFichierFailureKind kind) =>
        Assert.Equal(kind, OneFichierFailureClassifier.Classify(null, status, "whatever"));

    [Fact]
    public void Network_failures_are_transient_and_caller_cancellation_is_not_a_failure()
    {
        Assert.Equal(OneFichierFailureKind.Transient, OneFichierFailureClassifier.Classify(new HttpRequestException("reset"), CancellationToken.None));
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        Assert.Null(OneFichierFailureClassifier.Classify(new OperationCanceledException(canceled.Token), canceled.Token));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"status":"KO","message":"A folder with this name already exists #543"}""", false)]
    [InlineData(HttpStatusCode.OK, """{"status":"KO"}""", false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "File too large", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "<html>503</html>", true)]
    [InlineData(HttpStatusCode.BadGateway, "<html>502</html>", true)]
    public void Only_answers_that_say_nothing_may_hide_a_call_that_took_effect(HttpStatusCode status, string body, bool mayHaveTakenEffect)
    {
        var e = Assert.Throws<OneFichierException>(() => ApiResponseReader.ThrowIfError(status, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(mayHaveTakenEffect, e.MayHaveTakenEffect);
    }

    [Fact]
    public void Without_an_answer_only_a_request_that_never_left_certainly_took_no_effect()
    {
        Assert.False(OneFichierFailureClassifier.MayHaveTakenEffect(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        Assert.False(OneFichierFailureClassifier.MayHaveTakenEffect(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
        Assert.True(OneFichierFailureClassifier.MayHaveTakenEffect(new HttpRequestException("reset", new IOException("Connection reset by peer"))));
        Assert.True(OneFichierFailureClassifier.MayHaveTakenEffect(new TimeoutRejectedException()));
        Assert.True(OneFichierFailureClassifier.MayHaveTakenEffect(new OneFichierException("x failed", OneFichierFailureKind.Transient, null, new IOException("reset"))));
        Assert.False(OneFichierFailureClassifier.MayHaveTakenEffect(new OneFichierException("Flood detected: IP Locked #374", HttpStatusCode.Forbidden)));
    }

    [Fact]
    public void Code_is_the_last_hash_number_of_the_message()
    {
        Assert.Equal(412, OneFichierException.ParseCode("Flood detected #1 then #412"));
        Assert.Null(OneFichierException.ParseCode("no code"));
    }
}
