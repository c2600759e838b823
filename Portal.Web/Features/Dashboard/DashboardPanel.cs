using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// A board of the dashboard's tabs: what it shows (<typeparamref name="TBoard"/>) for the reader and the page's choice,
/// loaded again when the choice changes. A refusal (of the choice, or of an action on a row) is said above the board
/// in <see cref="Refused"/>, and the board shown stays.
/// </summary>
public abstract class DashboardPanel<TBoard> : ComponentBase where TBoard : class
{
    [Inject]
    protected IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [Parameter, EditorRequired]
    public PortalUser User { get; set; } = default!;

    [Parameter, EditorRequired]
    public DashboardChoice Choice { get; set; } = default!;

    /// <summary>The board shown; null until the first load answers.</summary>
    protected TBoard? Board { get; private set; }

    protected string? Refused { get; set; }

    private (PortalUser User, DashboardChoice Choice)? _loadedFor;

    /// <exception cref="DomainException">The choice is refused.</exception>
    protected abstract Task<TBoard> LoadBoardAsync();

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != (User, Choice))
        {
            await ReloadAsync();
        }
    }

    /// <summary>Loads the board for the reader and the choice as they stand.</summary>
    protected async Task ReloadAsync()
    {
        try
        {
            Board = await LoadBoardAsync();
            Refused = null;
        }
        catch (DomainException refusal)
        {
            Refused = Refusal.Describe(refusal);
        }
        _loadedFor = (User, Choice);
    }
}
