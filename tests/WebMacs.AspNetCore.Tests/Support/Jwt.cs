using System.Buffers.Text;
using System.Text.Json;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Reads the header and claims of a compact JWT without validating it.</summary>
internal static class Jwt
{
    public static (JsonElement Header, JsonElement Payload) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Part(parts[0]), Part(parts[1]));
    }

    private static JsonElement Part(string segment)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segment));
        return document.RootElement.Clone();
    }
}
