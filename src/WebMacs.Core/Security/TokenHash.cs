using System.Security.Cryptography;
using System.Text;

namespace WebMacs.Security;

/// <summary>Hashes bearer secrets (API tokens, revoked JWTs) for storage: lowercase hex SHA-256.</summary>
internal static class TokenHash
{
    public static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
