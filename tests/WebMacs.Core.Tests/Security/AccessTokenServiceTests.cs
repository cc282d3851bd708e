using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebMacs.Domain;
using WebMacs.Security;

namespace WebMacs.Tests.Security;

public class AccessTokenServiceTests
{
    private const string Secret = "unit-test-secret-key-with-more-than-32-chars";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Start);

    [Fact]
    public void Create_User_HasReferenceClaimsAndLifetime()
    {
        var token = new JsonWebToken(Service(Secret, minutes: 30).Create(User(42, UserRole.Operator)));

        Assert.Equal("42", token.GetClaim("sub").Value);
        Assert.Equal("operator", token.GetClaim("role").Value);
        Assert.Equal(Start.ToUnixTimeSeconds(), token.GetPayloadValue<long>("iat"));
        Assert.Equal(30 * 60, token.GetPayloadValue<long>("exp") - token.GetPayloadValue<long>("iat"));
        Assert.False(token.TryGetPayloadValue<string>("iss", out _));
        Assert.False(token.TryGetPayloadValue<string>("aud", out _));
        Assert.False(token.TryGetPayloadValue<string>("jti", out _));
    }

    [Fact]
    public void Create_User_HasHs256JwtHeader()
    {
        var token = Service(Secret).Create(User(1, UserRole.Admin));

        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
    }

    [Fact]
    public async Task ValidateAsync_FreshToken_ReturnsUserId()
    {
        var service = Service(Secret);

        Assert.Equal(42, await service.ValidateAsync(service.Create(User(42, UserRole.Viewer))));
    }

    [Fact]
    public async Task ValidateAsync_AtAndAfterExpiry_ReturnsNull()
    {
        var service = Service(Secret, minutes: 10);
        var token = service.Create(User(7, UserRole.Viewer));

        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(7, await service.ValidateAsync(token));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await service.ValidateAsync(token));
        time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await service.ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_TokenSignedWithOtherKey_ReturnsNull()
    {
        var token = Service("another-secret-key-that-is-also-long-enough").Create(User(42, UserRole.Admin));

        Assert.Null(await Service(Secret).ValidateAsync(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public async Task ValidateAsync_Garbage_ReturnsNull(string token) => Assert.Null(await Service(Secret).ValidateAsync(token));

    [Fact]
    public async Task ValidateAsync_TamperedPayload_ReturnsNull()
    {
        var service = Service(Secret);
        var parts = service.Create(User(42, UserRole.Viewer)).Split('.');
        var payload = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("\"42\"", "\"1\"", StringComparison.Ordinal));

        Assert.Null(await service.ValidateAsync($"{parts[0]}.{payload}.{parts[2]}"));
    }

    [Fact]
    public async Task ValidateAsync_UnsignedAlgNoneToken_ReturnsNull()
    {
        var payload = $$"""{"sub":"42","role":"admin","iat":{{Start.ToUnixTimeSeconds()}},"exp":{{Start.AddHours(1).ToUnixTimeSeconds()}}}""";
        var token = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{Base64UrlEncoder.Encode(payload)}.";

        Assert.Null(await Service(Secret).ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_TokenWithoutExp_ReturnsNull()
    {
        var token = Sign(Encoding.UTF8.GetBytes(Secret), $$"""{"sub":"42","iat":{{Start.ToUnixTimeSeconds()}}}""");

        Assert.Null(await Service(Secret).ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_TokenIssuedByOriginalBackend_ReturnsUserId()
    {
        // What PyJWT's jwt.encode(claims, SECRET_KEY, algorithm="HS256") produces: the secret's UTF-8 bytes are the key.
        var payload = $$"""{"sub":"5","iat":{{Start.ToUnixTimeSeconds()}},"exp":{{Start.AddMinutes(5).ToUnixTimeSeconds()}},"role":"viewer"}""";
        var token = Sign(Encoding.UTF8.GetBytes(Secret), payload);

        Assert.Equal(5, await Service(Secret).ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_ShortSecret_SignsWithStretchedKeyAndValidates()
    {
        const string shortSecret = "secret";
        var token = Service(shortSecret).Create(User(9, UserRole.Operator));

        // Another instance with the same short secret (e.g. after a restart) accepts the token.
        Assert.Equal(9, await Service(shortSecret).ValidateAsync(token));

        // The signing key is SHA-256 of the secret.
        var handler = new JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(shortSecret))),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Null(await Service(Secret).ValidateAsync(token));
    }

    [Fact]
    public void Constructor_NoSecret_ThrowsNamingSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Service(null));

        Assert.Contains("SecretKey", ex.Message, StringComparison.Ordinal);
    }

    private AccessTokenService Service(string? secret, int minutes = 1440) =>
        new(Options.Create(new WebMacsOptions { SecretKey = secret, AccessTokenExpireMinutes = minutes }), time, NullLogger<AccessTokenService>.Instance);

    private static User User(int id, UserRole role) =>
        new() { Id = id, Email = $"u{id}@webmacs.test", Username = $"u{id}", PasswordHash = "x", Role = role };

    private static string Sign(byte[] key, string payload)
    {
        var signingInput = $"{Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""")}.{Base64UrlEncoder.Encode(payload)}";
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }
}
