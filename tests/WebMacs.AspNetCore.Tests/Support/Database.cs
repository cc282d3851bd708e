using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Security;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Changes a test host's data directly through its own <see cref="WebMacsDbContext"/>, as an operator with database access would.</summary>
internal static class Database
{
    public const string UserPassword = "User-Password-1";

    /// <summary>Inserts a user with <paramref name="role"/> (bcrypt hash from <see cref="PasswordHasher"/>) and logs in over HTTP.</summary>
    public static async Task<TestUser> CreateUserAsync(this WebMacsTestHost host, UserRole role)
    {
        var username = $"{role.ToString().ToLowerInvariant()}_{Guid.NewGuid():N}"[..30];
        var email = $"{username}@example.com";
        var id = await host.WithDbAsync(async db =>
        {
            var user = new User
            {
                Email = email,
                Username = username,
                PasswordHash = PasswordHasher.Hash(UserPassword),
                Role = role,
                RegisteredOn = DateTime.UtcNow,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return user.Id;
        });

        var token = await host.LoginAsync(email, UserPassword);
        return new TestUser(id, email, username, UserPassword, token);
    }

    public static Task SetRoleAsync(this WebMacsTestHost host, int userId, UserRole role) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, role), TestContext.Current.CancellationToken));

    public static Task DeleteUserAsync(this WebMacsTestHost host, int userId) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(TestContext.Current.CancellationToken));

    public static Task<int> GetUserIdAsync(this WebMacsTestHost host, string email) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>Stores an API token for the user with <paramref name="email"/> (only its hash, as the API does) and returns the plaintext.</summary>
    public static async Task<string> CreateApiTokenAsync(this WebMacsTestHost host, string email, DateTime? expiresAt = null)
    {
        var token = "wm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var userId = await host.GetUserIdAsync(email);
        await host.WithDbAsync(async db =>
        {
            db.ApiTokens.Add(new ApiToken
            {
                Name = "test",
                TokenHash = TokenHash.Sha256Hex(token),
                UserId = userId,
                ExpiresAt = expiresAt,
                CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return token;
    }

    public static Task<DateTime?> GetApiTokenLastUsedAsync(this WebMacsTestHost host, string token)
    {
        var hash = TokenHash.Sha256Hex(token);
        return host.WithDbAsync(db => db.ApiTokens.Where(t => t.TokenHash == hash).Select(t => t.LastUsedAt).SingleAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Runs one SQL statement with plain ADO.NET on the host's connection, bypassing EF Core and its interceptor, as
    /// another process sharing the database would (the host's in-memory caches do not hear of it).
    /// </summary>
    public static Task<int> ExecuteOutsideEfCoreAsync(this WebMacsTestHost host, string sql, params (string Name, object Value)[] parameters) =>
        host.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        });

    public static async Task<T> WithDbAsync<T>(this WebMacsTestHost host, Func<WebMacsDbContext, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WebMacsDbContext>());
    }
}
