using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// The rows of the authorisation matrix for filing and files, beside <see cref="RequestAuthorisationMatrixTests"/>
/// and with its cast: done (O), refused with a reason (R), or not found (N). The request is 创普斯's, just
/// submitted with one file; 创普斯's user also keeps a file in a draft.
/// </summary>
public class FilingAuthorisationTests(FilingAuthorisationTests.Portals portals) : IClassFixture<FilingAuthorisationTests.Portals>
{
    private static readonly (string Name, string Email)[] Cast =
    [
        ("enterprise", "enterprise@yqby.test"),
        ("other enterprise", "enterprise2@yqby.test"),
        ("commissioner", "commissioner@yqby.test"),
        ("other commissioner", "commissioner2@yqby.test"),
        ("lead handler", "zrzy.handler@yqby.test"),
        ("lead head", "zrzy.head@yqby.test"),
        ("co-handler", "fgj.handler@yqby.test"),
        ("other department", "swj.handler@yqby.test"),
        ("cadre", "cadre@yqby.test"),
        ("other cadre", "cadre2@yqby.test"),
        ("supervisor", "supervisor@yqby.test"),
        ("admin", "admin@yqby.test"),
    ];

    private static readonly Row[] Matrix =
    [
        //                                                                                             ent ent2 com com2 lead head co  oth cad cad2 sup adm
        new("DownloadRequestFile", async c => await Open(c, c.Staged.FiledFile),                     "O   N    O   N    N    N    N   N   O   N    O   O"),
        new("ListRequestFiles", async c => _ = await c.Filing.Attachments.ForRequestAsync(c.User, c.Staged.Number)
                                             ?? throw new RequestNotFoundException(c.Staged.Number), "O   N    O   N    N    N    N   N   O   N    O   O"),
        new("Receipt", async c => _ = await c.Filing.Filing.ReceiptAsync(c.User, c.Staged.Number)
                                     ?? throw new RequestNotFoundException(c.Staged.Number),          "O   N    O   N    N    N    N   N   O   N    O   O"),
        new("DownloadSomeonesDraftFile", async c => await Open(c, c.Staged.DraftFile),               "O   N    N   N    N    N    N   N   N   N    N   N"),
        new("RemoveSomeonesDraftFile", async c =>
            {
                if (!await c.Filing.Attachments.RemoveFromDraftAsync(c.User, Guid.NewGuid()))
                {
                    throw new RequestNotFoundException("");
                }
            },                                                                                        "N   N    N   N    N    N    N   N   N   N    N   N"),
        new("UploadToOwnDraft", async c => await c.Filing.UploadAsync(c.User, "材料.pdf", SampleFiles.Pdf()),
                                                                                                      "O   O    O   O    R    R    R   R   R   R    R   R"),
    ];

    public static TheoryData<DatabaseProvider, string, string> Cells() =>
        AuthorisationMatrix.Cells(Matrix.Select(r => r.Action), Cast.Select(c => c.Name));

    [Fact]
    public void EveryRow_HasACellForEachMemberOfTheCast() =>
        Assert.All(Matrix, row => Assert.Equal(Cast.Length, AuthorisationMatrix.Letters(row.Expected).Length));

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Action_ByEachMemberOfTheCast_IsDoneRefusedOrNotFoundAsTheMatrixSays(DatabaseProvider provider, string action, string who)
    {
        var (filing, staged) = await portals.ForAsync(provider);
        var row = Matrix.Single(r => r.Action == action);
        var column = Array.FindIndex(Cast, c => c.Name == who);
        var expected = AuthorisationMatrix.Letters(row.Expected)[column];
        var user = await filing.UserAsync(Cast[column].Email);

        var failure = await Record.ExceptionAsync(() => row.Call(new Cell(filing, user, staged)));

        var outcome = AuthorisationMatrix.OutcomeOf(failure);
        Assert.True(expected == outcome, $"{action} by {who}: expected {expected}, got {outcome} {failure?.Message}");
    }

    private static async Task Open(Cell cell, Guid id)
    {
        var download = await cell.Filing.Attachments.OpenAsync(cell.User, id) ?? throw new RequestNotFoundException(id.ToString());
        await download.Content.DisposeAsync();
    }

    public sealed record Staged(string Number, Guid FiledFile, Guid DraftFile);

    public sealed record Cell(FilingPortal Filing, PortalUser User, Staged Staged);

    public sealed record Row(string Action, Func<Cell, Task> Call, string Expected);

    /// <summary>A portal per provider with 创普斯's request and draft file, made when first asked for.</summary>
    public sealed class Portals : IAsyncLifetime
    {
        private readonly Dictionary<DatabaseProvider, (FilingPortal, Staged)> _portals = [];
        private readonly SemaphoreSlim _lock = new(1, 1);

        public async Task<(FilingPortal Filing, Staged Staged)> ForAsync(DatabaseProvider provider)
        {
            await _lock.WaitAsync();
            try
            {
                if (!_portals.TryGetValue(provider, out var portal))
                {
                    var filing = await FilingPortal.CreateAsync(provider);
                    var enterprise = await filing.UserAsync("enterprise@yqby.test");
                    var filed = await filing.UploadAsync(enterprise, "红线图.pdf", SampleFiles.Pdf());
                    var category = await filing.Portal.QueryAsync(db => db.RequestCategories.Select(c => c.Id).FirstAsync());
                    var number = await filing.Portal.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
                        enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "用电增容", "请协调用电增容。", [filed.Id])));
                    var draft = await filing.UploadAsync(enterprise, "草稿附件.pdf", SampleFiles.Pdf());
                    portal = (filing, new Staged(number, filed.Id, draft.Id));
                    _portals.Add(provider, portal);
                }
                return portal;
            }
            finally
            {
                _lock.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var (filing, _) in _portals.Values)
            {
                await filing.DisposeAsync();
            }
            _lock.Dispose();
        }
    }
}
