using System.Net;
using FsMount.Core.Errors;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier.Tests.Errors;

public sealed class OneFichierErrorMapperTests
{
    [Theory]
    [InlineData("Resource not found #469", HttpStatusCode.NotFound, FsError.NotFound)]
    [InlineData("No such user #93", HttpStatusCode.Unauthorized, FsError.AccessDenied)]
    [InlineData("Must be a customer (Premium, Access) #200", HttpStatusCode.Forbidden, FsError.AccessDenied)]
    [InlineData("Resource not allowed #631", HttpStatusCode.Forbidden, FsError.AccessDenied)]
    [InlineData("Not enough space #545", HttpStatusCode.Forbidden, FsError.NoSpace)]
    [InlineData("Quota exceeded", HttpStatusCode.Forbidden, FsError.NoSpace)]
    [InlineData("File too large #999", HttpStatusCode.Forbidden, FsError.TooLarge)]
    [InlineData("HTTP 413 RequestEntityTooLarge", HttpStatusCode.RequestEntityTooLarge, FsError.TooLarge)]
    [InlineData("Invalid name #541", HttpStatusCode.Forbidden, FsError.InvalidName)]
    [InlineData("Invalid request: 'rename' needs a single URL #540", HttpStatusCode.Forbidden, FsError.Unavailable)]
    [InlineData("Folder is not empty #542", HttpStatusCode.Forbidden, FsError.NotEmpty)]
    [InlineData("A folder with this name already exists #543", HttpStatusCode.Forbidden, FsError.Exists)]
    [InlineData("Flood detected: IP Locked #374", HttpStatusCode.Forbidden, FsError.Unavailable)]
    [InlineData("HTTP 503 ServiceUnavailable", HttpStatusCode.ServiceUnavailable, FsError.Unavailable)]
    public void Service_errors_map_to_the_error_a_user_sees(string message, HttpStatusCode status, FsError expected) =>
        Assert.Equal(expected, OneFichierErrorMapper.ToFsError(new OneFichierException(message, status)));

    [Fact]
    public void A_network_failure_that_outlasted_the_retries_is_unavailable()
    {
        var failure = new OneFichierException("folder/ls.cgi failed: reset", OneFichierFailureKind.Transient, null, new HttpRequestException("reset"));

        var mapped = OneFichierErrorMapper.ToRemoteDriveException(failure);

        Assert.Equal(FsError.Unavailable, mapped.Error);
        Assert.Same(failure, mapped.InnerException);
    }
}
