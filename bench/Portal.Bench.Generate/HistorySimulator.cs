using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Notifications;
using Portal.Domain.Requests;

namespace Portal.Bench.Generate;

/// <summary>A notice in a user's inbox of one timeline entry, as <c>RequestEventNotifier</c> would have written it.</summary>
public readonly record struct Notice(string UserId, int EventSequence, RequestAction Action, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>A level the escalation scan would have recorded for a running deadline by the end of the history, and when it was reached.</summary>
public readonly record struct GeneratedEscalation(RequestDeadline Deadline, EscalationLevel Level, DateTimeOffset RecordedAt);

public sealed record SimulatedRequest(ServiceRequest Request, List<Notice> Notices)
{
    public IReadOnlyList<GeneratedEscalation> Escalations { get; init; } = [];
}

/// <summary>
/// Plays one request's history through the domain's own methods on a simulated clock: every state,
/// deadline and timeline entry is what the portal would have stored for the same moves at the same times.
/// A history that runs past <see cref="World.Until"/> stops there, so the request stays open where it is.
/// </summary>
public sealed class HistorySimulator(World world)
{
    /// <summary>Requests submitted within these last days may be part of the backlog: stuck, open, overdue.</summary>
    private static readonly TimeSpan BacklogAge = TimeSpan.FromDays(180);
    private const double BacklogShare = 0.4;

    public SimulatedRequest Simulate(string number, DateTimeOffset submittedAt, Random random) =>
        new Story(world, random, number, submittedAt).Play();

    private sealed class Story(World world, Random random, string number, DateTimeOffset submittedAt)
    {
        private readonly WorkCalendar _calendar = world.Calendar;
        private readonly List<Notice> _notices = [];
        private ServiceRequest _request = null!;
        private World.EnterpriseParty _enterprise = null!;
        private DateTimeOffset _now = submittedAt;
        private double _pace = 1;

        /// <summary>For a backlog request: the step number at which it stops moving (the history ends there, open).</summary>
        private int _stallAt = int.MaxValue;
        private int _steps;

        public SimulatedRequest Play()
        {
            _enterprise = world.Enterprises[SkewedIndex(world.Enterprises.Length)];
            var category = PickCategory();
            var urgency = random.NextDouble() < 0.1 ? Urgency.Urgent : Urgency.Normal;
            var byCommissioner = _enterprise.CommissionerUserId is not null && random.NextDouble() < 0.3;
            var channel = byCommissioner
                ? (RequestChannel)(1 + random.Next(4))
                : RequestChannel.Portal;
            var submitter = byCommissioner
                ? new Actor(_enterprise.CommissionerUserId!, Roles.Commissioner)
                : new Actor(_enterprise.Users[random.Next(_enterprise.Users.Length)], Roles.Enterprise, EnterpriseId: _enterprise.Id);
            var (title, description) = Texts.Request(random, category.Code);
            _request = ServiceRequest.Submit(
                submitter, number, _enterprise.Id, channel, category.Id, urgency, title, description,
                _enterprise.CommissionerUserId, _enterprise.CadreUserId, world.Targets[(category.Id, urgency)], _calendar, _now);
            Told();

            var roll = random.NextDouble();
            _pace = roll < 0.75 ? 0.4 + random.NextDouble() : roll < 0.93 ? 1.5 + 2.5 * random.NextDouble() : 4 + 8 * random.NextDouble();
            if (world.Until - _request.SubmittedAt < BacklogAge && random.NextDouble() < BacklogShare)
            {
                _stallAt = random.Next(1, 12);
            }
            try
            {
                Dispatching(category);
                while (_request.State is RequestState.InProgress)
                {
                    Handling();
                    if (_request.State != RequestState.Resolved)
                    {
                        break;
                    }
                    Evaluating();
                }
                if (_request.State == RequestState.UnderReview)
                {
                    Wait(8);
                    Act(Supervisor(), (a, now) => _request.ReviewDispute(a, random.NextDouble() < 0.5, Texts.Pick(random, Texts.Reviews), _calendar, now));
                }
            }
            catch (HistoryEnds)
            {
                // It is still where the clock found it at the end: open, resolved awaiting evaluation, or under review.
                // People stop at a backlog's stall; the auto-close job does not.
                AutoClosedAfterItsWindow();
            }
            return new SimulatedRequest(_request, _notices) { Escalations = Escalated() };
        }

        /// <summary>
        /// The levels the scan, running all along, would have recorded for the running deadlines at the end: each level
        /// up to the one reached, at the moment it was reached (the warning at the threshold's share of the wall-clock
        /// span, close enough for a benchmark). Earlier deadlines' levels are not kept; the bench measures what runs.
        /// </summary>
        private List<GeneratedEscalation> Escalated()
        {
            var levels = new List<GeneratedEscalation>();
            foreach (var deadline in _request.Deadlines)
            {
                var reached = world.Policy.LevelOf(deadline, _calendar, world.Until);
                for (var level = EscalationLevel.Warning; level <= reached; level++)
                {
                    var at = level switch
                    {
                        EscalationLevel.Warning => deadline.StartedAt + (deadline.DueAt - deadline.StartedAt) * world.Policy.WarningFraction,
                        EscalationLevel.Overdue => deadline.DueAt,
                        _ => world.Policy.SevereAt(deadline, _calendar),
                    };
                    levels.Add(new GeneratedEscalation(deadline, level, at < world.Until ? at : world.Until));
                    deadline.RecordLevel(level); // as the scan's RequestEscalation notes it
                }
            }
            return levels;
        }

        private void Dispatching(World.Category category)
        {
            Wait(3);
            MaybeUrge();
            var dispatcher = Dispatcher();
            for (var attempt = 0; attempt < 3 && _request.State == RequestState.Submitted; attempt++)
            {
                if (dispatcher.Role == Roles.Commissioner && random.NextDouble() < 0.1)
                {
                    Act(dispatcher, (a, now) => _request.HandleDirectly(a, _calendar, now));
                    break;
                }
                var department = attempt == 0 && random.NextDouble() < 0.85
                    ? category.LeadDepartmentId
                    : OtherDepartment(_request.ReturnedByDepartments);
                Act(dispatcher, (a, now) => _request.Dispatch(a, department, _calendar, now));
                if (random.NextDouble() < 0.25)
                {
                    Wait(1);
                    Act(dispatcher, (a, now) => _request.PublicReply(a, Texts.Pick(random, Texts.Acknowledgements), _calendar, now));
                }
                Wait(4);
                var staff = world.Department(_request.LeadDepartmentId!.Value);
                if (random.NextDouble() < 0.06)
                {
                    Act(Handler(staff), (a, now) => _request.ReturnToDispatcher(a, (ReturnReason)random.Next(4), Texts.Pick(random, Texts.Returns), _calendar, now));
                    if (_request.State == RequestState.Submitted)
                    {
                        Wait(3);
                        continue;
                    }
                }
                if (random.NextDouble() < 0.03)
                {
                    var to = OtherDepartment([_request.LeadDepartmentId!.Value]);
                    Act(dispatcher, (a, now) => _request.Transfer(a, to, Texts.Pick(random, Texts.Transfers), _calendar, now));
                    Wait(2);
                    staff = world.Department(_request.LeadDepartmentId!.Value);
                }
                if (staff.HeadUserId is { } head && random.NextDouble() < 0.3)
                {
                    var handler = staff.Handlers[random.Next(staff.Handlers.Length)];
                    Act(new Actor(head, Roles.DepartmentHandler, staff.Id, IsDepartmentHead: true), (a, now) => _request.Distribute(a, handler, _calendar, now));
                    Wait(1);
                }
                var signer = _request.LeadHandlerUserId is { } distributed
                    ? new Actor(distributed, Roles.DepartmentHandler, staff.Id, IsDepartmentHead: distributed == staff.HeadUserId)
                    : Handler(staff);
                Act(signer, (a, now) => _request.Sign(a, _calendar, now));
            }
        }

        private void Handling()
        {
            var handler = CurrentHandler();
            if (random.NextDouble() < 0.25)
            {
                Wait(6);
                Act(handler, (a, now) => _request.PublicReply(a, Texts.Pick(random, Texts.Progress), _calendar, now));
            }
            if (!_request.HandledByCommissioner && random.NextDouble() < 0.15)
            {
                foreach (var _ in Enumerable.Range(0, 1 + random.Next(2)))
                {
                    var department = OtherDepartment([_request.LeadDepartmentId!.Value, .. _request.CoHandlers.Select(c => c.DepartmentId)]);
                    Wait(2);
                    Act(handler, (a, now) => _request.AddCoHandler(a, department, _calendar, now));
                }
            }
            if (random.NextDouble() < 0.1)
            {
                Wait(4);
                Act(handler, (a, now) => _request.InternalNote(a, Texts.Pick(random, Texts.Notes), _calendar, now));
            }
            if (random.NextDouble() < 0.12)
            {
                Wait(8);
                Act(handler, (a, now) => _request.AskForMaterials(a, Texts.Pick(random, Texts.Materials), _calendar, now));
                if (_request.State == RequestState.AwaitingEnterprise)
                {
                    WaitNatural(30);
                    if (random.NextDouble() < 0.06)
                    {
                        Act(EnterpriseUser(), (a, now) => _request.Withdraw(a, Texts.Pick(random, Texts.Withdrawals), _calendar, now));
                        return;
                    }
                    Act(EnterpriseUser(), (a, now) => _request.Supplement(a, Texts.Pick(random, Texts.Supplements), _calendar, now));
                }
            }
            MaybeUrge();
            foreach (var coHandler in _request.CoHandlers.Where(c => !c.IsSettled).ToList())
            {
                Wait(10);
                if (random.NextDouble() < 0.85)
                {
                    var staff = world.Department(coHandler.DepartmentId);
                    Act(Handler(staff), (a, now) => _request.CoHandlerReply(a, Texts.Pick(random, Texts.CoHandlerReplies), _calendar, now));
                }
                else
                {
                    Act(Supervisor(), (a, now) => _request.WaiveCoHandlerReply(a, coHandler.DepartmentId, Texts.Pick(random, Texts.Waivers), _calendar, now));
                }
            }
            if (random.NextDouble() < 0.08)
            {
                Wait(12);
                var days = 3 + random.Next(8);
                Act(handler, (a, now) => _request.RequestExtension(a, days, Texts.Pick(random, Texts.Extensions), _calendar, now));
                if (_request.PendingExtensionDays is not null)
                {
                    Wait(4);
                    if (random.NextDouble() < 0.8)
                    {
                        Act(Supervisor(), (a, now) => _request.ApproveExtension(a, 1 + random.Next(days), _calendar, now));
                    }
                    else
                    {
                        Act(Supervisor(), (a, now) => _request.DenyExtension(a, Texts.Pick(random, Texts.Denials), _calendar, now));
                    }
                }
            }
            if (random.NextDouble() < 0.03)
            {
                Wait(6);
                var overseer = _request.CadreUserId is { } cadre && random.NextDouble() < 0.5 ? new Actor(cadre, Roles.Cadre) : Supervisor();
                Act(overseer, (a, now) => _request.Supervise(a, Texts.Pick(random, Texts.Instructions), _calendar, now));
            }
            if (random.NextDouble() < 0.02)
            {
                WaitNatural(24);
                Act(EnterpriseUser(), (a, now) => _request.Withdraw(a, Texts.Pick(random, Texts.Withdrawals), _calendar, now));
                return;
            }
            Wait(30);
            Act(handler, (a, now) => _request.Resolve(a, Texts.Pick(random, Texts.Answers), _calendar, now));
        }

        /// <summary>A resolved request whose evaluation window ran out before the end: closed by the job (<see cref="AutoClosingAfter"/>).</summary>
        private void AutoClosedAfterItsWindow()
        {
            if (_request.State != RequestState.Resolved || _request.RunningEvaluationWindow() is not { } window)
            {
                return;
            }
            var closing = AutoClosingAfter(window);
            if (closing >= world.Until)
            {
                return;
            }
            _now = closing > _now ? closing : _now;
            _request.AutoClose(_calendar, _now);
            Told();
        }

        /// <summary>When the auto-close job, running every minute, closes a request whose evaluation window ran out: within the hour after it.</summary>
        private DateTimeOffset AutoClosingAfter(RequestDeadline window) => Minute(window.DueAt + TimeSpan.FromMinutes(1 + random.Next(60)));

        private void Evaluating()
        {
            var window = _request.RunningEvaluationWindow()!;
            var byEnterprise = _request.Channel == RequestChannel.Portal;
            var evaluates = random.NextDouble() < (byEnterprise ? 0.85 : 0.8);
            var at = byEnterprise ? NaturalLater(_now, 40) : WorkingLater(_now, 16);
            if (!evaluates || at > window.DueAt)
            {
                // Nobody rated it in time.
                MoveTo(AutoClosingAfter(window));
                Act(Actor.System, (_, now) => _request.AutoClose(_calendar, now));
                return;
            }
            MoveTo(at);
            var satisfied = random.NextDouble() < 0.82;
            var solved = satisfied || random.NextDouble() < 0.3;
            var satisfaction = satisfied
                ? random.NextDouble() < 0.7 ? Satisfaction.Satisfied : Satisfaction.BasicallySatisfied
                : solved ? Satisfaction.Unsatisfied : (Satisfaction)random.Next(3);
            var comment = !solved || satisfaction == Satisfaction.Unsatisfied ? Texts.Pick(random, Texts.Complaints) : random.NextDouble() < 0.3 ? Texts.Pick(random, Texts.Praise) : null;
            if (byEnterprise)
            {
                Act(EnterpriseUser(), (a, now) => _request.Evaluate(a, solved, satisfaction, comment, _calendar, now));
            }
            else
            {
                Act(Dispatcher(), (a, now) => _request.RecordFollowUpEvaluation(a, solved, satisfaction, comment ?? Texts.Pick(random, Texts.FollowUps), _calendar, now));
            }
        }

        /// <summary>Takes one step at the clock's time; a step the domain refuses is simply not taken, as a person would be told no.</summary>
        private void Act(Actor actor, Action<Actor, DateTimeOffset> step)
        {
            if (++_steps >= _stallAt)
            {
                throw new HistoryEnds();
            }
            var before = _request.Timeline.Count;
            try
            {
                step(actor, _now);
            }
            catch (DomainException)
            {
                return;
            }
            if (_request.Timeline.Count > before)
            {
                Told();
            }
        }

        /// <summary>The notices of the newest timeline entry, to whom <c>RequestEventNotifier</c> sends them, if it falls in the notice window.</summary>
        private void Told()
        {
            var entry = _request.Timeline[^1];
            if (world.Until - entry.At > world.NoticeWindow)
            {
                return;
            }
            var recipients = new HashSet<string>();
            foreach (var audience in RequestNotifications.For(entry))
            {
                recipients.UnionWith(Members(audience, entry));
            }
            recipients.Remove(entry.ActorUserId);
            foreach (var user in recipients)
            {
                DateTimeOffset? read = world.Until - entry.At > TimeSpan.FromDays(3) && random.NextDouble() < 0.8
                    ? Minute(entry.At + TimeSpan.FromHours(1 + random.Next(48)))
                    : null;
                _notices.Add(new Notice(user, entry.Sequence, entry.Action, entry.At, read is { } r && r < world.Until ? r : null));
            }
        }

        private IEnumerable<string> Members(Audience audience, RequestEvent entry) => audience switch
        {
            Audience.Enterprise => _enterprise.Users,
            Audience.Commissioner => _request.CommissionerUserId is { } c ? [c] : world.Supervisors,
            Audience.Dispatcher => _request.DispatchedByUserId is { } d ? [d] : _request.CommissionerUserId is { } c ? [c] : world.Supervisors,
            Audience.Handler => _request.HandledByCommissioner
                ? _request.CommissionerUserId is { } direct ? [direct] : []
                : _request.LeadHandlerUserId is { } h ? [h] : _request.LeadDepartmentId is { } lead ? world.Department(lead).Handlers : [],
            Audience.LeadHead => _request.LeadDepartmentId is { } lead && world.Department(lead).HeadUserId is { } head ? [head] : [],
            Audience.CoHandlingDepartment => entry.DepartmentId is { } department ? world.Department(department).Handlers : [],
            Audience.Cadre => _request.CadreUserId is { } cadre ? [cadre] : [],
            Audience.Supervisors => world.Supervisors,
            Audience.TargetUser => entry.TargetUserId is { } target ? [target] : [],
        };

        private void MaybeUrge()
        {
            if (random.NextDouble() < 0.05)
            {
                WaitNatural(20);
                Act(EnterpriseUser(), (a, now) => _request.Urge(a, Texts.Pick(random, Texts.Urges), _calendar, now));
            }
        }

        /// <summary>Staff act in working time: an exponential wait of about <paramref name="meanWorkingHours"/>, times the request's pace.</summary>
        private void Wait(double meanWorkingHours) => MoveTo(WorkingLater(_now, meanWorkingHours * _pace));

        /// <summary>Enterprises act at any hour.</summary>
        private void WaitNatural(double meanHours) => MoveTo(NaturalLater(_now, meanHours));

        private DateTimeOffset WorkingLater(DateTimeOffset from, double meanWorkingHours)
        {
            var hours = Math.Min(-Math.Log(1 - random.NextDouble()) * meanWorkingHours, 24 * 365);
            return Minute(_calendar.AddWorkingTime(from, TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(5)).At);
        }

        private DateTimeOffset NaturalLater(DateTimeOffset from, double meanHours) =>
            Minute(from + TimeSpan.FromHours(Math.Min(-Math.Log(1 - random.NextDouble()) * meanHours, 24 * 365)) + TimeSpan.FromMinutes(5));

        private void MoveTo(DateTimeOffset at)
        {
            if (at >= world.Until)
            {
                throw new HistoryEnds();
            }
            _now = at > _now ? at : _now.AddMinutes(1);
        }

        /// <summary>Whole minutes: what PostgreSQL stores is exactly what was computed.</summary>
        private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, at.Offset);

        private Actor Dispatcher() => _request.CommissionerUserId is { } commissioner ? new Actor(commissioner, Roles.Commissioner) : Supervisor();

        private Actor Supervisor() => new(world.Supervisors[random.Next(world.Supervisors.Length)], Roles.Supervisor);

        private Actor EnterpriseUser() => new(_enterprise.Users[random.Next(_enterprise.Users.Length)], Roles.Enterprise, EnterpriseId: _enterprise.Id);

        private Actor Handler(World.DepartmentStaff staff)
        {
            var user = staff.Handlers[random.Next(staff.Handlers.Length)];
            return new Actor(user, Roles.DepartmentHandler, staff.Id, IsDepartmentHead: user == staff.HeadUserId);
        }

        private Actor CurrentHandler()
        {
            if (_request.HandledByCommissioner)
            {
                return new Actor(_request.CommissionerUserId!, Roles.Commissioner);
            }
            var staff = world.Department(_request.LeadDepartmentId!.Value);
            return _request.LeadHandlerUserId is { } user
                ? new Actor(user, Roles.DepartmentHandler, staff.Id, IsDepartmentHead: user == staff.HeadUserId)
                : Handler(staff);
        }

        private int OtherDepartment(IReadOnlyList<int> not)
        {
            while (true)
            {
                var candidate = world.Departments[random.Next(world.Departments.Length)].Id;
                if (!not.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        private World.Category PickCategory()
        {
            var total = world.Categories.Sum(c => c.Weight);
            var roll = random.NextDouble() * total;
            foreach (var category in world.Categories)
            {
                roll -= category.Weight;
                if (roll < 0)
                {
                    return category;
                }
            }
            return world.Categories[^1];
        }

        /// <summary>Some enterprises raise far more than others: a power law over a fixed order.</summary>
        private int SkewedIndex(int count) => Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), 1.6)));
    }

    private sealed class HistoryEnds : Exception;
}
