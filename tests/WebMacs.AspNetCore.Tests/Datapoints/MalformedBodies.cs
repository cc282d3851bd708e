using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>
/// A bounded fuzz of malformed JSON bodies for write routes: wrong types, huge strings, non-finite numbers, NUL
/// characters, lone surrogates, deep nesting, invalid UTF-8 and non-object bodies. Templates mark the fuzzed spot
/// with <c>%V%</c>; every value is put into every template.
/// </summary>
internal static class MalformedBodies
{
    public const string Slot = "%V%";

    /// <summary>Gets raw JSON values that no field of the API accepts in every position (plus some that some fields accept).</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "123", "-1", "0", "1.5", "-0", "99999999999999999999999", "\"abc\"", "\"\"", "true", "false", "[]", "{}", "null",
        "\"NaN\"", "\"nan\"", "\"Infinity\"", "\"-Infinity\"", "\"inf\"", "1e999", "-1e999", "\"1e999\"", "1e-999",
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"", "[\"\\ud800\"]", "[\"\\u0000\"]",
        "\"" + new string('a', 100_000) + "\"", "[" + string.Join(',', Enumerable.Repeat("\"x\"", 600)) + "]",
        Deep("[", "]", 200), Deep("{\"a\":", "}", 200), "[1,2,3]", "{\"value\":1}", "{\"\\ud800\": 1}", "\"http://\\u0000\"", "\"ht\\ud800tp://x\"",
    ];

    /// <summary>Gets whole bodies that are not a JSON object, or not JSON at all.</summary>
    public static IReadOnlyList<byte[]> Bodies { get; } =
    [
        Utf8("[]"), Utf8("[{}]"), Utf8("\"x\""), Utf8("1"), Utf8("null"), Utf8("true"), Utf8(string.Empty), Utf8("{"), Utf8("{\"a\":}"),
        Utf8("NaN"), Utf8("{\"value\": NaN}"), Utf8("{\"value\": Infinity}"), Utf8("\u0000"), Utf8(Deep("[", "]", 200)),
        Utf8(Deep("{\"a\":", "}", 200)), Utf8("[\"\\ud800\"]"), Utf8("{\"\\ud800\": 1}"), Utf8("{\"x\": [\"\\udfff\"]}"), [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D], [0xC3, 0x28], [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
        Utf8("{\"a\":\"" + new string('b', 2 * 1024 * 1024) + "\"}"),
    ];

    /// <summary>
    /// Sends every value in every template and every malformed body to <paramref name="path"/> and asserts a 4xx each
    /// time; then <c>GET /health</c> must still answer <c>ok</c>.
    /// </summary>
    public static Task AssertAlways4xxAsync(WebMacsTestHost host, HttpClient client, HttpMethod method, string path, params string[] templates) =>
        AssertAlways4xxExceptAsync(host, client, method, path, [], templates);

    /// <summary>Like <see cref="AssertAlways4xxAsync"/>, leaving out the <paramref name="validValues"/> that the templates accept.</summary>
    public static async Task AssertAlways4xxExceptAsync(
        WebMacsTestHost host, HttpClient client, HttpMethod method, string path, IReadOnlyCollection<string> validValues, params string[] templates)
    {
        var failures = new List<string>();
        foreach (var template in templates)
        {
            foreach (var value in Values.Except(validValues))
            {
                await SendAsync(client, method, path, Utf8(template.Replace(Slot, value, StringComparison.Ordinal)), failures, $"{template} <- {Shorten(value)}");
            }
        }

        foreach (var body in Bodies)
        {
            await SendAsync(client, method, path, body, failures, $"raw body of {body.Length} bytes: {Shorten(Encoding.UTF8.GetString(body))}");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        using var health = await host.Client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await health.ReadJsonAsync()).GetProperty("status").GetString());
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, byte[] body, List<string> failures, string description)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request, Ct);
        var status = (int)response.StatusCode;
        if (status is < 400 or > 499)
        {
            failures.Add($"{method} {path} {description}: {status} {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Deep(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
