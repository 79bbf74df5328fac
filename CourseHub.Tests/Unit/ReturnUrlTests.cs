using CourseHub.Web.Features.Account;

namespace CourseHub.Tests.Unit;

/// <summary>Which return addresses after sign-in are kept: plain paths on this site only.</summary>
public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/courses?q=bees&level=Beginner")]
    [InlineData("/teach/courses/0b8e9c1e-2f7a-4a51-9a43-5d6f3c2b1a00")]
    [InlineData("/account/profile#security")]
    public void A_plain_local_path_is_kept(string url) => Assert.True(AccountSetup.IsLocal(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("courses")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\r\nX")]
    [InlineData("/\u0001")]
    [InlineData("/a\tb")]
    [InlineData("/a b")]
    [InlineData("/caf\u00e9")]
    [InlineData("/\u007f")]
    public void Anything_else_is_not(string? url) => Assert.False(AccountSetup.IsLocal(url));
}
