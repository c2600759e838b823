using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Attachments;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Attachments;

/// <summary>The rules of a request's files, on SQLite and PostgreSQL, with the real store on disk.</summary>
public class AttachmentServiceTests
{
    private static async Task<string> SubmitAsync(FilingPortal filing, PortalUser user, params Guid[] files)
    {
        var category = await filing.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        return await filing.Portal.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
            user.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "二期项目用地报批", "请协调用地报批。", files)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFile_IsStoredUnderAGeneratedName_InTheConfiguredFolder_AndServedBackWhole(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var content = SampleFiles.Pdf("site plan");

        var added = await filing.UploadAsync(enterprise, "用地红线图.pdf", content);

        Assert.Equal("用地红线图.pdf", added.FileName);
        Assert.Equal(AttachmentKind.Pdf, added.Kind);
        Assert.Equal(content.Length, added.Size);
        var stored = Assert.Single(filing.StoredFiles());
        Assert.StartsWith(Path.GetFullPath(filing.AttachmentDirectory) + Path.DirectorySeparatorChar, stored, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));
        Assert.DoesNotContain("用地", stored, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllBytesAsync(stored));
        var row = await filing.Portal.QueryAsync(db => db.Attachments.SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), row.Sha256);
        Assert.Equal(enterprise.Id, row.DraftUserId);
        Assert.Null(row.RequestId);

        var download = await filing.Attachments.OpenAsync(enterprise, added.Id);
        Assert.NotNull(download);
        await using (download.Content)
        {
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        Assert.Equal("application/pdf", download.ContentType);
    }

    public static TheoryData<DatabaseProvider, string> Refusals()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var what in new[] { "exe renamed pdf", "21 MB", "empty" })
            {
                data.Add(provider, what);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedFile_LeavesNothingBehind(DatabaseProvider provider, string what)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var (name, content, problem) = what switch
        {
            "exe renamed pdf" => ("说明.pdf", SampleFiles.Exe(), AttachmentProblem.UnsupportedType),
            "21 MB" => ("扫描件.pdf", SampleFiles.Pdf(size: 21 * 1024 * 1024), AttachmentProblem.TooLarge),
            _ => ("空.pdf", Array.Empty<byte>(), AttachmentProblem.Empty),
        };

        var refused = await Assert.ThrowsAsync<AttachmentRejectedException>(() => filing.UploadAsync(enterprise, name, content));

        Assert.Equal(problem, refused.Problem);
        Assert.Empty(filing.StoredFiles());
        Assert.Equal(0, await filing.Portal.QueryAsync(db => db.Attachments.CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFileOfExactly20MB_IsTaken(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");

        var content = SampleFiles.Pdf(size: (int)Attachment.MaxSize);
        Assert.Equal(Attachment.MaxSize, content.Length);

        var added = await filing.UploadAsync(enterprise, "整本.pdf", content);

        Assert.Equal(Attachment.MaxSize, added.Size);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheEleventhFile_IsRefused_AndRemovingOneMakesRoom(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var files = new List<AttachmentInfo>();
        for (var i = 1; i <= Attachment.MaxPerFiling; i++)
        {
            files.Add(await filing.UploadAsync(enterprise, $"材料{i}.png", SampleFiles.Png()));
        }

        var refused = await Assert.ThrowsAsync<AttachmentRejectedException>(() => filing.UploadAsync(enterprise, "材料11.png", SampleFiles.Png()));

        Assert.Equal(AttachmentProblem.TooMany, refused.Problem);
        Assert.Equal(Attachment.MaxPerFiling, filing.StoredFiles().Length);
        Assert.True(await filing.Attachments.RemoveFromDraftAsync(enterprise, files[0].Id));
        Assert.Equal(Attachment.MaxPerFiling - 1, filing.StoredFiles().Length);
        await filing.UploadAsync(enterprise, "材料11.png", SampleFiles.Png());
        Assert.Equal(Attachment.MaxPerFiling, (await filing.Attachments.DraftAsync(enterprise)).Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submitting_TakesTheDraftsFilesWithTheRequest_AndSpendsTheDraft(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        await filing.Filing.SaveDraftAsync(enterprise, null, null, null, Urgency.Normal, "二期项目用地报批", "草稿");
        var plan = await filing.UploadAsync(enterprise, "红线图.pdf", SampleFiles.Pdf());
        filing.Time.Advance(TimeSpan.FromSeconds(5));
        var photo = await filing.UploadAsync(enterprise, "现场.jpg", SampleFiles.Jpeg());

        var number = await SubmitAsync(filing, enterprise, plan.Id, photo.Id);

        var listed = await filing.Attachments.ForRequestAsync(enterprise, number);
        Assert.Equal(["红线图.pdf", "现场.jpg"], listed!.Select(f => f.FileName));
        Assert.Empty(await filing.Attachments.DraftAsync(enterprise));
        var draft = await filing.Filing.DraftAsync(enterprise);
        Assert.Null(draft.SavedAt);
        Assert.Equal("", draft.Title);
        var commissioner = await filing.UserAsync("commissioner@yqby.test");
        Assert.Equal(2, (await filing.Attachments.ForRequestAsync(commissioner, number))!.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submitting_AnotherUsersFile_IsRefused_AndSavesNothing(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var other = await filing.UserAsync("enterprise2@yqby.test");
        var theirs = await filing.UploadAsync(other, "别人的.pdf", SampleFiles.Pdf());

        await Assert.ThrowsAsync<DomainException>(() => SubmitAsync(filing, enterprise, theirs.Id));

        Assert.Equal(0, await filing.Portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
        Assert.Single(await filing.Attachments.DraftAsync(other));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFile_IsFoundOnlyWithinItsRequestsScope(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var draftOnly = await filing.UploadAsync(enterprise, "未提交.pdf", SampleFiles.Pdf());
        var filed = await filing.UploadAsync(enterprise, "已提交.pdf", SampleFiles.Pdf());
        var number = await SubmitAsync(filing, enterprise, filed.Id);

        async Task<bool> CanOpen(string email, Guid id)
        {
            var download = await filing.Attachments.OpenAsync(await filing.UserAsync(email), id);
            if (download is null)
            {
                return false;
            }
            await download.Content.DisposeAsync();
            return true;
        }

        Assert.True(await CanOpen("enterprise@yqby.test", filed.Id));
        Assert.True(await CanOpen("commissioner@yqby.test", filed.Id));
        Assert.True(await CanOpen("cadre@yqby.test", filed.Id));
        Assert.True(await CanOpen("supervisor@yqby.test", filed.Id));
        Assert.False(await CanOpen("enterprise2@yqby.test", filed.Id));
        Assert.False(await CanOpen("commissioner2@yqby.test", filed.Id));
        Assert.False(await CanOpen("zrzy.handler@yqby.test", filed.Id));
        Assert.False(await CanOpen("cadre2@yqby.test", filed.Id));
        Assert.True(await CanOpen("enterprise@yqby.test", draftOnly.Id));
        Assert.False(await CanOpen("commissioner@yqby.test", draftOnly.Id));
        Assert.False(await CanOpen("supervisor@yqby.test", draftOnly.Id));
        Assert.False(await CanOpen("enterprise@yqby.test", Guid.NewGuid()));
        Assert.Null(await filing.Attachments.ForRequestAsync(await filing.UserAsync("enterprise2@yqby.test"), number));
        Assert.False(await filing.Attachments.RemoveFromDraftAsync(await filing.UserAsync("enterprise2@yqby.test"), draftOnly.Id));
        Assert.False(await filing.Attachments.RemoveFromDraftAsync(enterprise, filed.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OnlyThoseWhoFileRequests_MayUpload(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);

        await Assert.ThrowsAsync<DomainException>(async () => await filing.UploadAsync(await filing.UserAsync("zrzy.handler@yqby.test"), "a.pdf", SampleFiles.Pdf()));
        await Assert.ThrowsAsync<DomainException>(async () => await filing.UploadAsync(await filing.UserAsync("supervisor@yqby.test"), "a.pdf", SampleFiles.Pdf()));
        await filing.UploadAsync(await filing.UserAsync("commissioner@yqby.test"), "a.pdf", SampleFiles.Pdf());

        Assert.Single(filing.StoredFiles());
    }

    [Fact]
    public void TheStore_AcceptsOnlyNamesItGenerates()
    {
        var store = new AttachmentStore(Microsoft.Extensions.Options.Options.Create(new AttachmentOptions { Directory = Path.GetTempPath() }));

        Assert.Throws<ArgumentException>(() => store.PathOf("../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => store.PathOf("ab/../../x"));
        Assert.StartsWith(store.Root, store.PathOf($"ab/ab{new string('0', 30)}"), StringComparison.Ordinal);
    }
}
