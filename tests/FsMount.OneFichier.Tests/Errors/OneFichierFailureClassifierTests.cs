using System.Net;
using FsMount.Core.Errors;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier.Tests.Errors;

public sealed class OneFichierFailureClassifierTests
{
    [Theory]
    [InlineData(374)]
    [InlineData(412)]
    [InlineData(38)]
    [InlineData(223)]
    [InlineData(887)]
    public void Flood_codes_are_floods(int code) =>
        Assert.Equal(OneFichierFailureKind.Flood, OneFichierFailureClassifier.Classify(code, HttpStatusCode.Forbidden, $"x #{code}"));

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
    [InlineData("Resource not found #469", FsError.NotFound)]
    [InlineData("No such user #93", FsError.AccessDenied)]
    [InlineData("Must be a customer (Premium, Access) #200", FsError.AccessDenied)]
    [InlineData("Not enough space #545", FsError.NoSpace)]
    [InlineData("File too large #999", FsError.TooLarge)]
    [InlineData("Invalid name #541", FsError.InvalidName)]
    [InlineData("Folder is not empty #542", FsError.NotEmpty)]
    [InlineData("Flood detected: IP Locked #374", FsError.Unavailable)]
    public void Service_errors_map_to_the_error_a_user_sees(string message, FsError expected) =>
        Assert.Equal(expected, OneFichierErrorMapper.ToFsError(new OneFichierException(message, HttpStatusCode.Forbidden)));

    [Fact]
    public void Code_is_the_last_hash_number_of_the_message()
    {
        Assert.Equal(412, OneFichierException.ParseCode("Flood detected #1 then #412"));
        Assert.Null(OneFichierException.ParseCode("no code"));
    }
}
