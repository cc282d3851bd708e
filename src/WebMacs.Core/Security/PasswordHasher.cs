namespace WebMacs.Security;

/// <summary>bcrypt password hashing (cost 12), compatible with the <c>$2b$</c> hashes the original stored.</summary>
internal static class PasswordHasher
{
    private const int WorkFactor = 12;

    public static string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, WorkFactor);

    public static bool Verify(string password, string hash)
    {
        // A malformed stored hash is a data problem, not a reason to fail the request: it simply does not match.
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (Exception ex) when (ex is BCrypt.Net.SaltParseException or ArgumentException)
        {
            // BCrypt.Net reports an empty or truncated hash with ArgumentException (or ArgumentOutOfRangeException).
            return false;
        }
    }
}
