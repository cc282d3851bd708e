using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WebMacs.LoadTest;

/// <summary>Logs in and creates the linked events the load needs, through the host's real REST API.</summary>
internal sealed class LoadSetup(Uri baseAddress)
{
    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Token { get; private set; } = string.Empty;

    public async Task LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/auth/login", new Dictionary<string, string> { ["email"] = email, ["password"] = password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        Token = body.RootElement.GetProperty("access_token").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Creates simulated plugin instances (each auto-creates its linked events) until there are at least <paramref name="count"/> events.</summary>
    public async Task<List<Guid>> CreateLinkedEventsAsync(int count, CancellationToken cancellationToken)
    {
        var events = new List<Guid>();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; events.Count < count; i++)
        {
            var create = new Dictionary<string, object> { ["plugin_id"] = "simulated", ["instance_name"] = $"load-{run}-{i}", ["demo_mode"] = true };
            using (var created = await Http.PostAsJsonAsync("/api/v1/plugins", create, cancellationToken))
            {
                if (!created.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Creating a plugin instance failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }

            var found = false;
            for (var page = 1; !found; page++)
            {
                using var list = JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/plugins?page={page}&page_size=100", cancellationToken));
                var data = list.RootElement.GetProperty("data");
                if (data.GetArrayLength() == 0)
                {
                    throw new InvalidOperationException("The created plugin instance is not listed.");
                }

                foreach (var instance in data.EnumerateArray().Where(x => x.GetProperty("instance_name").GetString() == $"load-{run}-{i}"))
                {
                    found = true;
                    foreach (var mapping in instance.GetProperty("channel_mappings").EnumerateArray())
                    {
                        if (mapping.GetProperty("event_public_id").GetString() is { } id)
                        {
                            events.Add(Guid.Parse(id));
                        }
                    }
                }
            }

            if (i > count)
            {
                throw new InvalidOperationException("The simulated plugin creates no linked events; is it registered in the host?");
            }
        }

        return events.Take(count).ToList();
    }
}
