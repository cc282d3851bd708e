using WebMacs.Security;

namespace WebMacs.Tests.Security;

public class PasswordHasherTests
{
    [Fact]
    public void Hash_Password_IsSaltedBcryptCost12ThatVerifies()
    {
        var first = PasswordHasher.Hash("Correct-Horse-1");
        var second = PasswordHasher.Hash("Correct-Horse-1");

        Assert.StartsWith("$2", first, StringComparison.Ordinal);
        Assert.Equal("12", first.Split('$')[2]);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("Correct-Horse-1", first));
        Assert.False(PasswordHasher.Verify("correct-horse-1", first));
    }

    [Theory]
    [InlineData("Kk4DQuMMfZL9o", "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm")]
    [InlineData("9IeRXmnGxMYbs", "$2b$04$pQ7gRO7e6wx/936oXhNjrOUNOHL1D0h1N2IDbJZYs.1ppzSof6SPy")]
    public void Verify_HashMadeByPythonBcrypt_Succeeds(string password, string hash)
    {
        // Test vectors of pyca/bcrypt, the library the original backend hashes with ($2b$ hashes).
        Assert.True(PasswordHasher.Verify(password, hash));
        Assert.False(PasswordHasher.Verify(password + "!", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-hash")]
    [InlineData("$2b$12$short")]
    public void Verify_MalformedStoredHash_ReturnsFalse(string hash) => Assert.False(PasswordHasher.Verify("anything", hash));
}
