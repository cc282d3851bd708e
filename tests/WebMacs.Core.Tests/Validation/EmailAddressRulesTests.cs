using WebMacs.Validation;

namespace WebMacs.Tests.Validation;

public class EmailAddressRulesTests
{
    [Theory]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("admin@webmacs.local", "admin@webmacs.local")]
    [InlineData("admin@webmacs.test", "admin@webmacs.test")]
    [InlineData("ops@lab.localhost", "ops@lab.localhost")]
    [InlineData("First.Last+Tag@Sub.Example.COM", "First.Last+Tag@sub.example.com")]
    [InlineData("MiXeD@WebMacs.LOCAL", "MiXeD@webmacs.local")]
    [InlineData("o'brien_{x}@host-1.example.org", "o'brien_{x}@host-1.example.org")]
    [InlineData("a@b.co", "a@b.co")]
    [InlineData("user@123.example", "user@123.example")]
    public void TryNormalize_ValidAddress_LowerCasesDomainOnly(string input, string expected)
    {
        Assert.True(EmailAddressRules.TryNormalize(input, out var normalized, out var error), error);

        Assert.Equal(expected, normalized);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("", "exactly one @-sign")]
    [InlineData("plain.address", "exactly one @-sign")]
    [InlineData("a@@example.com", "exactly one @-sign")]
    [InlineData("a@b@example.com", "exactly one @-sign")]
    [InlineData("@example.com", "before the @-sign")]
    [InlineData("user@", "after the @-sign")]
    [InlineData("user@localhost", "should have a period")]
    [InlineData("us er@example.com", "invalid characters before the @-sign")]
    [InlineData(".user@example.com", "invalid characters before the @-sign")]
    [InlineData("user.@example.com", "invalid characters before the @-sign")]
    [InlineData("us..er@example.com", "invalid characters before the @-sign")]
    [InlineData("user(comment)@example.com", "invalid characters before the @-sign")]
    [InlineData("user@-example.com", "after the @-sign is not valid")]
    [InlineData("user@example-.com", "after the @-sign is not valid")]
    [InlineData("user@exa mple.com", "after the @-sign is not valid")]
    [InlineData("user@example..com", "after the @-sign is not valid")]
    [InlineData("user@.example.com", "after the @-sign is not valid")]
    [InlineData("user@example.com.", "after the @-sign is not valid")]
    [InlineData("user@192.168.0.1", "not within a valid top-level domain")]
    public void TryNormalize_InvalidAddress_ReturnsFalseWithReason(string input, string reason)
    {
        Assert.False(EmailAddressRules.TryNormalize(input, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_LocalPartLongerThan64_ReturnsFalse()
    {
        Assert.True(EmailAddressRules.TryNormalize(new string('a', 64) + "@example.com", out _, out _));
        Assert.False(EmailAddressRules.TryNormalize(new string('a', 65) + "@example.com", out _, out var error));
        Assert.Contains("before the @-sign", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_AddressLongerThan254_ReturnsFalseNamingLength()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com";
        var local = new string('a', EmailAddressRules.MaxLength - 1 - domain.Length);

        Assert.True(EmailAddressRules.TryNormalize($"{local}@{domain}", out _, out _));
        Assert.False(EmailAddressRules.TryNormalize($"{local}a@{domain}", out _, out var error));
        Assert.Contains("too long", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_DomainLabelLongerThan63_ReturnsFalse()
    {
        Assert.True(EmailAddressRules.TryNormalize($"user@{new string('x', 63)}.com", out _, out _));
        Assert.False(EmailAddressRules.TryNormalize($"user@{new string('x', 64)}.com", out _, out _));
    }
}
