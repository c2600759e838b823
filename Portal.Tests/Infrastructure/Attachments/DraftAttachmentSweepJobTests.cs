using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Attachments;

/// <summary>The nightly sweep of what drafts leave behind, on both databases with the real store on disk.</summary>
public class DraftAttachmentSweepJobTests
{
    private static Task<AttachmentSweep> SweepAsync(FilingPortal filing) =>
        filing.Portal.Services.GetRequiredService<DraftAttachmentSweepJob>().RunAsync(CancellationToken.None);

    private static Task<bool> RowExistsAsync(FilingPortal filing, Guid id) =>
        filing.Portal.QueryAsync(db => db.Attachments.AnyAsync(a => a.Id == id));

    private static Task<string> StorageNameAsync(FilingPortal filing, Guid id) =>
        filing.Portal.QueryAsync(db => db.Attachments.Where(a => a.Id == id).Select(a => a.StorageName).SingleAsync());

    /// <summary>A file in the store that no row names, last written at <paramref name="at"/>.</summary>
    private static string PlantUnreferenced(FilingPortal filing, DateTimeOffset at, string relative)
    {
        var path = Path.Combine(filing.AttachmentDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, SampleFiles.Pdf());
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
        return path;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FilesOfADraftLeftForAWeek_AreRemoved_RowsAndFiles_AndNothingInUse(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var start = filing.Time.GetUtcNow();
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var other = await filing.UserAsync("enterprise2@yqby.test");
        var category = await filing.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());

        // 创普斯 files one of two uploads and never comes back for the other.
        var left = await filing.UploadAsync(enterprise, "没用上的.pdf", SampleFiles.Pdf("left"));
        var filed = await filing.UploadAsync(enterprise, "红线图.pdf", SampleFiles.Pdf("filed"));
        var number = await filing.Portal.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "二期用地", "请协调用地报批。", [filed.Id])));
        var leftPath = filing.Store.PathOf(await StorageNameAsync(filing, left.Id));
        // 丰元汇能 started a draft the same day and added to it six days later: still in use.
        var early = await filing.UploadAsync(other, "早先的.pdf", SampleFiles.Pdf("early"));
        filing.Time.Advance(TimeSpan.FromDays(6));
        var later = await filing.UploadAsync(other, "后来的.jpg", SampleFiles.Jpeg());
        // Files no row names: one from before the week, one from within it, and an upload cut off half-way.
        var oldOrphan = PlantUnreferenced(filing, start - TimeSpan.FromDays(1), "ab/" + new string('a', 32));
        var youngOrphan = PlantUnreferenced(filing, start + TimeSpan.FromDays(5), "cd/" + new string('c', 32));
        var oldPart = PlantUnreferenced(filing, start - TimeSpan.FromDays(1), "incoming/" + new string('e', 32) + ".part");
        filing.Time.Advance(TimeSpan.FromDays(2));

        var sweep = await SweepAsync(filing);

        Assert.Equal(new AttachmentSweep(DraftFiles: 1, UnreferencedFiles: 2), sweep);
        Assert.False(await RowExistsAsync(filing, left.Id));
        Assert.False(File.Exists(leftPath));
        Assert.Equal(["红线图.pdf"], (await filing.Attachments.ForRequestAsync(enterprise, number))!.Select(f => f.FileName));
        Assert.True(File.Exists(filing.Store.PathOf(await StorageNameAsync(filing, filed.Id))));
        Assert.Equal(["早先的.pdf", "后来的.jpg"], (await filing.Attachments.DraftAsync(other)).Select(f => f.FileName));
        Assert.True(File.Exists(filing.Store.PathOf(await StorageNameAsync(filing, early.Id))));
        Assert.True(File.Exists(filing.Store.PathOf(await StorageNameAsync(filing, later.Id))));
        Assert.False(File.Exists(oldOrphan));
        Assert.False(File.Exists(oldPart));
        Assert.True(File.Exists(youngOrphan));

        Assert.Equal(new AttachmentSweep(0, 0), await SweepAsync(filing));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ADraftWhoseTextWasSavedWithinTheWeek_KeepsItsOlderFiles(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var file = await filing.UploadAsync(enterprise, "红线图.pdf", SampleFiles.Pdf());
        filing.Time.Advance(TimeSpan.FromDays(6));
        await filing.Filing.SaveDraftAsync(enterprise, null, null, null, Urgency.Normal, "二期用地", "还在写");
        filing.Time.Advance(TimeSpan.FromDays(3));

        Assert.Equal(new AttachmentSweep(0, 0), await SweepAsync(filing));
        Assert.Equal([file.Id], (await filing.Attachments.DraftAsync(enterprise)).Select(f => f.Id));

        filing.Time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, (await SweepAsync(filing)).DraftFiles);
        Assert.Empty(await filing.Attachments.DraftAsync(enterprise));
        Assert.Empty(filing.StoredFiles());
    }
}
