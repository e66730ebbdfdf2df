using FsMount.Fuse.Transport;

namespace FsMount.Fuse.Tests.Mounting;

public sealed class PasswordFileTests
{
    private const string Contents = "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:100:Bob,,,:/home/bob:/bin/sh\nbroken:x:1002\n";

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(1000u, 1000u)]
    [InlineData(1001u, 100u)]
    public void A_users_primary_group_is_the_fourth_field(uint userId, uint groupId) =>
        Assert.Equal(groupId, PasswordFile.PrimaryGroupOf(userId, Contents));

    [Theory]
    [InlineData(1002u)]
    [InlineData(4242u)]
    public void A_user_missing_or_on_a_broken_line_has_no_group(uint userId) =>
        Assert.Null(PasswordFile.PrimaryGroupOf(userId, Contents));
}
