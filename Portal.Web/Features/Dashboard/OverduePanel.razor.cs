using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// 超期督办: the overdue requests of the reader's scope now, with a one-click 督办 for those the reader may supervise. A
/// 督办 reloads the board, so that the row shows when it was supervised and carries the request's new version; a refusal
/// is said above the table with the rows kept.
/// </summary>
public sealed partial class OverduePanel
{
    [Inject]
    private OverdueTable Source { get; set; } = default!;

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DashboardResource> Text { get; set; } = default!;

    private const string SuperviseButton =
        "mud-button-root mud-button mud-button-outlined mud-button-outlined-error mud-button-outlined-size-small mud-ripple";

    private bool _busy;

    /// <summary>The requests supervised from this panel since it opened: the row says so beside the time the table shows.</summary>
    private readonly HashSet<string> _supervised = [];

    protected override Task<OverdueBoard> LoadBoardAsync() => Source.BoardAsync(User, Choice);

    private async Task SuperviseAsync(OverdueRow row)
    {
        _busy = true;
        Refused = null;
        try
        {
            await Requests.SuperviseAsync(User, row.Number, row.Version, row.Instruction);
            _supervised.Add(row.Number);
            Snackbar.Add(Text["Overdue.Done", row.Number], Severity.Success);
            await ReloadAsync();
        }
        catch (RequestChangedException)
        {
            await ReloadAsync();
            Refused = Text["Overdue.Changed", row.Number];
        }
        catch (RequestNotFoundException)
        {
            await ReloadAsync();
            Refused = Text["Overdue.Gone", row.Number];
        }
        catch (DomainException refusal)
        {
            Refused = Refusal.Describe(refusal);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Red for severely overdue, as the battle map colours it; the level is also in words in its column.</summary>
    private string? LevelClass(int index) =>
        Board!.Overdue.Rows[index].Level == EscalationLevel.SeverelyOverdue ? "mud-error-text" : null;
}
