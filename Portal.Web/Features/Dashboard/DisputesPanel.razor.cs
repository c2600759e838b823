using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// 不满意甄别: the disputed ratings of the reader's scope waiting for review. Supervisors uphold or overturn one with a
/// reason, typed in a form under its row; a refusal is said above the table and the form stays open with what was typed.
/// Cadres and commissioners see the queue without the buttons.
/// </summary>
public sealed partial class DisputesPanel
{
    [Inject]
    private DisputesTable Source { get; set; } = default!;

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DashboardResource> Text { get; set; } = default!;

    /// <summary>The review being written: of which request, which verdict, and the reason typed so far.</summary>
    private sealed class ReviewForm(string number, bool upheld)
    {
        public string Number { get; } = number;
        public bool Upheld { get; } = upheld;
        public string? Reasoning { get; set; }
    }

    private ReviewForm? _form;
    private bool _busy;

    protected override Task<DisputesBoard> LoadBoardAsync() => Source.BoardAsync(User, Choice);

    /// <summary>Opens the form for a verdict; switching the verdict on the same request keeps the reason typed.</summary>
    private void Open(string number, bool upheld)
    {
        var reasoning = _form?.Number == number ? _form.Reasoning : null;
        _form = new ReviewForm(number, upheld) { Reasoning = reasoning };
        Refused = null;
    }

    private async Task ReviewAsync(DisputeRow row)
    {
        var form = _form!;
        _busy = true;
        Refused = null;
        try
        {
            await Requests.ReviewDisputeAsync(User, row.Number, row.Version, form.Upheld, form.Reasoning);
            _form = null;
            Snackbar.Add(Text[form.Upheld ? "Disputes.Upheld" : "Disputes.Overturned", row.Number], Severity.Success);
            await ReloadAsync();
        }
        catch (RequestChangedException)
        {
            await ReloadAsync();
            Refused = Text["Disputes.Changed", row.Number];
        }
        catch (RequestNotFoundException)
        {
            _form = null;
            await ReloadAsync();
            Refused = Text["Disputes.Gone", row.Number];
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
}
