using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Small helpers for talking JSON to a test host and checking the contract's error bodies.</summary>
internal static class Http
{
    public const string LoginPath = "/api/v1/auth/login";
    public const string MePath = "/api/v1/auth/me";
    public const string LogoutPath = "/api/v1/auth/logout";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts <paramref name="json"/> exactly as given (no re-serialisation).</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public static Task<HttpResponseMessage> LoginRawAsync(this HttpClient client, string json) => client.PostRawJsonAsync(LoginPath, json);

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.PostRawJsonAsync(LoginPath, JsonSerializer.Serialize(new { email, password }));

    /// <summary>Sends a request with the <c>Authorization</c> header set verbatim (or not at all when null).</summary>
    public static Task<HttpResponseMessage> SendWithAuthorizationAsync(this HttpClient client, HttpMethod method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(method, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> GetWithBearerAsync(this HttpClient client, string path, string token) =>
        client.SendWithAuthorizationAsync(HttpMethod.Get, path, "Bearer " + token);

    public static Task<HttpResponseMessage> PostWithBearerAsync(this HttpClient client, string path, string token) =>
        client.SendWithAuthorizationAsync(HttpMethod.Post, path, "Bearer " + token);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status and the <c>detail</c> text of a problem-details error, and returns the body.</summary>
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(detail, body.GetProperty("detail").GetString());
        return body;
    }

    /// <summary>Asserts a 422 whose <c>detail</c> is a list of validation errors, and returns that list.</summary>
    public static async Task<JsonElement[]> AssertValidationErrorAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}: {body}");
        Assert.Equal(JsonValueKind.Array, body.GetProperty("detail").ValueKind);
        var errors = body.GetProperty("detail").EnumerateArray().ToArray();
        Assert.NotEmpty(errors);
        return errors;
    }

    /// <summary>Gets an error's <c>loc</c> as text, e.g. <c>body/email</c>.</summary>
    public static string Loc(JsonElement error) =>
        string.Join('/', error.GetProperty("loc").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()));

    public static string[] PropertyNames(JsonElement body) => [.. body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
