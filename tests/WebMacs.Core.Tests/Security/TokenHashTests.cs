using WebMacs.Security;

namespace WebMacs.Tests.Security;

public class TokenHashTests
{
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Sha256Hex_Input_ReturnsLowercaseHexDigest(string input, string expected) => Assert.Equal(expected, TokenHash.Sha256Hex(input));

    [Fact]
    public void Sha256Hex_ApiToken_HashesWholeTokenIncludingPrefix() =>
        Assert.NotEqual(TokenHash.Sha256Hex("wm_abc"), TokenHash.Sha256Hex("abc"));
}
