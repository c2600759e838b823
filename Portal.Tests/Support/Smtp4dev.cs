using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Support;

/// <summary>
/// The smtp4dev server that ./test.sh starts on loopback ports (PORTAL_TEST_SMTP_PORT for SMTP,
/// PORTAL_TEST_SMTP_API for its web API). A test finds its messages by a recipient address of its own.
/// </summary>
public static class Smtp4dev
{
    public const string SmtpPortVariable = "PORTAL_TEST_SMTP_PORT";
    public const string ApiVariable = "PORTAL_TEST_SMTP_API";

    public static int SmtpPort => int.Parse(Required(SmtpPortVariable), System.Globalization.CultureInfo.InvariantCulture);

    public static Uri Api => new(Required(ApiVariable).TrimEnd('/') + "/");

    /// <summary>A recipient address nobody else uses, so the test's messages are told apart from the others'.</summary>
    public static string NewAddress(string name = "test") => $"{name}.{Guid.NewGuid():N}@smtp4dev.test";

    /// <summary>Waits (polling, with a deadline) until every address has received a message; returns them in the same order.</summary>
    public static async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(IReadOnlyList<string> addresses, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = Api };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = await ListAsync(client);
            if (addresses.All(found.ContainsKey))
            {
                var messages = new List<ReceivedMessage>();
                foreach (var address in addresses)
                {
                    messages.Add(await ReadAsync(client, found[address]));
                }
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"smtp4dev did not receive mail for {string.Join(", ", addresses.Where(a => !found.ContainsKey(a)))}.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>How many messages smtp4dev holds for the address (0 while none arrived).</summary>
    public static async Task<int> CountAsync(string address)
    {
        using var client = new HttpClient { BaseAddress = Api };
        using var document = JsonDocument.Parse(await client.GetStringAsync("api/messages?pageSize=1000"));
        return document.RootElement.GetProperty("results").EnumerateArray()
            .Count(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), address, StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<Dictionary<string, string>> ListAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("api/messages?pageSize=1000"));
        var byAddress = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in document.RootElement.GetProperty("results").EnumerateArray())
        {
            foreach (var to in message.GetProperty("to").EnumerateArray())
            {
                byAddress.TryAdd(to.GetString()!, message.GetProperty("id").GetString()!);
            }
        }
        return byAddress;
    }

    private static async Task<ReceivedMessage> ReadAsync(HttpClient client, string id)
    {
        var details = await client.GetFromJsonAsync<JsonElement>($"api/messages/{id}");
        var headers = details.GetProperty("headers").EnumerateArray()
            .GroupBy(h => h.GetProperty("name").GetString()!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().GetProperty("value").GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        return new ReceivedMessage(
            details.GetProperty("subject").GetString() ?? "",
            headers,
            details.GetProperty("hasPlainTextBody").GetBoolean() ? await client.GetStringAsync($"api/messages/{id}/plaintext") : null,
            details.GetProperty("hasHtmlBody").GetBoolean() ? await client.GetStringAsync($"api/messages/{id}/html") : null);
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests through ./test.sh, which starts smtp4dev for them.");
}

/// <summary>A message as smtp4dev shows it: decoded subject, headers, text and HTML parts.</summary>
public sealed record ReceivedMessage(string Subject, IReadOnlyDictionary<string, string> Headers, string? Text, string? Html);
