using MimeKit;

namespace Portal.Tests.Support;

/// <summary>The pickup folder as a test reads it: waits (polling, with a deadline) for messages the job server delivers.</summary>
public static class Mailbox
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Every complete message in the folder (temporary files start with a dot and are not messages).</summary>
    public static string[] Files(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Order().ToArray() : [];

    /// <summary>Waits until the folder holds at least <paramref name="count"/> messages, then returns them all.</summary>
    public static async Task<string[]> WaitForFilesAsync(string folder, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var files = Files(folder);
            if (files.Length >= count)
            {
                return files;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) in {folder} within {timeout ?? DefaultTimeout}, found {files.Length}.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for exactly one message and reads it.</summary>
    public static async Task<MimeMessage> WaitForSingleAsync(string folder, TimeSpan? timeout = null)
    {
        var file = Assert.Single(await WaitForFilesAsync(folder, 1, timeout));
        return await MimeMessage.LoadAsync(file);
    }

    /// <summary>Waits for the first message that <paramref name="matches"/>, among whatever else arrives.</summary>
    public static async Task<MimeMessage> WaitForAsync(string folder, Func<MimeMessage, bool> matches, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            foreach (var file in Files(folder))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (matches(message))
                {
                    return message;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching message in {folder} within {timeout ?? DefaultTimeout}.");
            }
            await Task.Delay(200);
        }
    }
}
