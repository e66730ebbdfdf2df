namespace FsMount.OneFichier.Tests;

public sealed class OneFichierOptionsValidatorTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(500, true)]
    [InlineData(0, false)]
    [InlineData(501, false)]
    public void Files_per_upload_stay_within_the_services_limit(int maxFiles, bool valid)
    {
        var result = new OneFichierOptionsValidator().Validate(null, new OneFichierOptions { MaxFilesPerUpload = maxFiles });

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(100, new OneFichierOptions().MaxFilesPerUpload);
    }
}
