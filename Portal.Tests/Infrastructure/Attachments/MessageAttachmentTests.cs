using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Attachments;

/// <summary>Files that go with a staff member's reply, note or resolution, on SQLite and PostgreSQL.</summary>
public class MessageAttachmentTests
{
    /// <summary>创普斯's request, dispatched to 自然资源局 and signed; returns its number and version.</summary>
    private static async Task<(string Number, int Version)> SignedAsync(FilingPortal filing)
    {
        var enterprise = await filing.UserAsync("enterprise@yqby.test");
        var category = await filing.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        var number = await filing.Portal.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "二期项目用地报批", "请协调用地报批。")));
        var lead = await RequestServiceTests.DepartmentAsync(filing.Portal, "ZRZY");
        var commissioner = await filing.UserAsync("commissioner@yqby.test");
        var handler = await filing.UserAsync("zrzy.handler@yqby.test");
        filing.Time.Advance(TimeSpan.FromMinutes(5));
        await filing.Portal.RequestsAsync(s => s.DispatchAsync(commissioner, number, 1, lead));
        filing.Time.Advance(TimeSpan.FromMinutes(5));
        await filing.Portal.RequestsAsync(s => s.SignAsync(handler, number, 2));
        return (number, 3);
    }

    private static async Task<AttachmentInfo> AddAsync(FilingPortal filing, PortalUser user, string number, string name) =>
        (await filing.Attachments.AddToMessageAsync(user, number, name, new MemoryStream(SampleFiles.Pdf(name))))!;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AReplysFiles_GoWithItsEvent_AndTheEnterpriseSeesThem_ButANotesFilesStayInternal(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var (number, version) = await SignedAsync(filing);
        var handler = await filing.UserAsync("zrzy.handler@yqby.test");
        var enterprise = await filing.UserAsync("enterprise@yqby.test");

        var reply = await AddAsync(filing, handler, number, "踏勘意见.pdf");
        var note = await AddAsync(filing, handler, number, "内部测算.pdf");
        Assert.Equal(["内部测算.pdf", "踏勘意见.pdf"], (await filing.Attachments.MessageDraftAsync(handler, number)).Select(f => f.FileName).Order());
        Assert.Empty(await filing.Attachments.DraftAsync(handler));
        Assert.Empty((await filing.Attachments.ForRequestAsync(handler, number))!);

        filing.Time.Advance(TimeSpan.FromMinutes(5));
        await filing.Portal.RequestsAsync(s => s.PublicReplyAsync(handler, number, version, "已安排现场踏勘，意见见附件。", [reply.Id]));
        filing.Time.Advance(TimeSpan.FromMinutes(5));
        await filing.Portal.RequestsAsync(s => s.InternalNoteAsync(handler, number, version + 1, "测算见附件", [note.Id]));

        Assert.Empty(await filing.Attachments.MessageDraftAsync(handler, number));
        var seenByEnterprise = await filing.Portal.RequestsAsync(s => s.GetAsync(enterprise, number));
        var replyEvent = seenByEnterprise!.Timeline.Single(e => e.Action == RequestAction.PublicReply);
        var file = Assert.Single(seenByEnterprise.EventFiles!);
        Assert.Equal(("踏勘意见.pdf", replyEvent.Sequence), (file.FileName, file.EventSequence!.Value));
        Assert.Equal(["踏勘意见.pdf"], (await filing.Attachments.ForRequestAsync(enterprise, number))!.Select(f => f.FileName));
        Assert.NotNull(await filing.Attachments.OpenAsync(enterprise, reply.Id));
        Assert.Null(await filing.Attachments.OpenAsync(enterprise, note.Id));

        var seenByStaff = await filing.Portal.RequestsAsync(s => s.GetAsync(handler, number));
        var noteEvent = seenByStaff!.Timeline.Single(e => e.Action == RequestAction.InternalNote);
        Assert.Equal(noteEvent.Sequence, seenByStaff.EventFiles!.Single(f => f.Id == note.Id).EventSequence);
        Assert.Equal(2, (await filing.Attachments.ForRequestAsync(handler, number))!.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFileOfSomeoneElsesMessage_OrOfAnotherRequest_IsRefused_AndTheReplyIsNotSent(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var (number, version) = await SignedAsync(filing);
        var handler = await filing.UserAsync("zrzy.handler@yqby.test");
        var commissioner = await filing.UserAsync("commissioner@yqby.test");
        var commissionersFile = await AddAsync(filing, commissioner, number, "专员材料.pdf");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            filing.Portal.RequestsAsync(s => s.PublicReplyAsync(handler, number, version, "见附件", [commissionersFile.Id])));

        Assert.Equal("所选附件不存在或已随其他消息发送，请重新上传", refused.Message);
        var details = await filing.Portal.RequestsAsync(s => s.GetAsync(handler, number));
        Assert.Equal(version, details!.Version);
        Assert.DoesNotContain(details.Timeline, e => e.Action == RequestAction.PublicReply);
        Assert.Single(await filing.Attachments.MessageDraftAsync(commissioner, number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheEnterprise_AndStaffOutsideTheRequestsScope_CannotAddFilesToAMessage(DatabaseProvider provider)
    {
        await using var filing = await FilingPortal.CreateAsync(provider);
        var (number, _) = await SignedAsync(filing);
        var enterprise = await filing.UserAsync("enterprise@yqby.test");

        await Assert.ThrowsAsync<DomainException>(() =>
            filing.Attachments.AddToMessageAsync(enterprise, number, "a.pdf", new MemoryStream(SampleFiles.Pdf())));
        Assert.Null(await filing.Attachments.AddToMessageAsync(
            await filing.UserAsync("swj.handler@yqby.test"), number, "a.pdf", new MemoryStream(SampleFiles.Pdf())));
        Assert.Empty(filing.StoredFiles());
    }
}
