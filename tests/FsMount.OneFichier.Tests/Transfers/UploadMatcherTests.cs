using FsMount.OneFichier.Transfers;

namespace FsMount.OneFichier.Tests.Transfers;

public sealed class UploadMatcherTests
{
    [Fact]
    public void Files_of_one_name_and_size_are_paired_in_order_each_shown_file_once()
    {
        (string, long)[] wanted = [("a", 1), ("a", 1), ("b", 2), ("a", 1)];
        (string, long)[] shown = [("b", 2), ("a", 1), ("a", 1)];

        Assert.Equal([1, 2, 0, -1], UploadMatcher.Match(wanted, shown));
    }

    [Fact]
    public void A_file_of_another_name_or_size_is_not_a_match()
    {
        (string, long)[] wanted = [("a", 1), ("b", 2)];
        (string, long)[] shown = [("a", 2), ("B", 2), ("b ", 2)];

        Assert.Equal([-1, -1], UploadMatcher.Match(wanted, shown));
    }
}
