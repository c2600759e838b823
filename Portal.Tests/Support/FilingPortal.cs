using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Tests.Support;

/// <summary>The demo portal on Monday morning's fake clock, with its attachment store in a folder of its own, removed with it.</summary>
public sealed class FilingPortal : IAsyncDisposable
{
    public SeededPortal Portal { get; }
    public FakeTimeProvider Time { get; }
    public string AttachmentDirectory { get; }

    private FilingPortal(SeededPortal portal, FakeTimeProvider time, string attachmentDirectory)
    {
        Portal = portal;
        Time = time;
        AttachmentDirectory = attachmentDirectory;
    }

    public static async Task<FilingPortal> CreateAsync(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(SeededPortal.MondayMorning);
        var directory = Path.Combine(Path.GetTempPath(), "portal-tests", "attachments-" + Guid.NewGuid().ToString("N"));
        var portal = await SeededPortal.CreateAsync(provider, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.Configure<AttachmentOptions>(o => o.Directory = directory);
        }, demoData: true);
        return new FilingPortal(portal, time, directory);
    }

    public AttachmentService Attachments => Portal.Services.GetRequiredService<AttachmentService>();
    public AttachmentStore Store => Portal.Services.GetRequiredService<AttachmentStore>();
    public RequestFiling Filing => Portal.Services.GetRequiredService<RequestFiling>();

    public Task<PortalUser> UserAsync(string email) => Portal.UserAsync(email);

    /// <summary>Adds <paramref name="content"/> to the user's draft under <paramref name="name"/>.</summary>
    public async Task<AttachmentInfo> UploadAsync(PortalUser user, string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return await Attachments.AddToDraftAsync(user, name, stream);
    }

    /// <summary>Every file in the store, temporary ones included.</summary>
    public string[] StoredFiles() =>
        Directory.Exists(AttachmentDirectory) ? Directory.GetFiles(AttachmentDirectory, "*", SearchOption.AllDirectories) : [];

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        if (Directory.Exists(AttachmentDirectory))
        {
            Directory.Delete(AttachmentDirectory, recursive: true);
        }
    }
}
