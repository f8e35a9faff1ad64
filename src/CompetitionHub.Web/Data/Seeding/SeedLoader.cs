using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Data.Seeding;

public sealed record SeedReport(int Departments, int Contests, int PreviousWinners, int Roles, int DemoUsers, bool AdminCreated,
    int DemoJudging = 0, int DemoEvents = 0)
{
    public bool AddedAnything => Departments + Contests + PreviousWinners + Roles + DemoUsers + DemoJudging + DemoEvents > 0 || AdminCreated;

    public override string ToString() =>
        $"{Departments} departments, {Contests} contests, {PreviousWinners} previous winners, {Roles} roles, {DemoUsers} demo users, " +
        $"{DemoJudging} judge pool seats and profiles, {DemoEvents} Activity Week events added" +
        (AdminCreated ? ", first admin created" : "");
}

/// <summary>
/// Loads seeds/ into the database. Idempotent: every row is looked up by its natural key first, so a second start adds nothing.
/// Demo users exist only in Development; elsewhere the first Admin comes from <see cref="AdminBootstrapOptions"/>.
/// </summary>
public sealed class SeedLoader(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IHostEnvironment environment,
    IOptions<AdminBootstrapOptions> admin,
    TimeProvider clock,
    ILogger<SeedLoader> logger)
{
    public IReadOnlyList<DemoUserSeed> DemoUsers { get; private set; } = [];

    public async Task<SeedReport> LoadAsync(SeedFiles files, CancellationToken ct = default)
    {
        var roleCount = await EnsureRolesAsync();
        var departments = await LoadDepartmentsAsync(files, ct);
        var contests = await LoadContestsAsync(files, ct);
        var winners = await LoadPreviousWinnersAsync(files, ct);
        var demoUsers = environment.IsDevelopment() ? await LoadDemoUsersAsync(files, ct) : 0;
        var demoJudging = environment.IsDevelopment() ? await LoadDemoJudgingAsync(ct) : 0;
        if (environment.IsDevelopment()) await Features.Matchmaking.DemoInvestorSeed.LoadAsync(db, clock, ct);
        var demoEvents = environment.IsDevelopment() ? await LoadDemoActivityEventsAsync(files, ct) : 0;
        var adminCreated = await BootstrapAdminAsync();
        var report = new SeedReport(departments, contests, winners, roleCount, demoUsers, adminCreated, demoJudging, demoEvents);
        logger.LogInformation("Seeds from {Folder}: {Report}", files.Folder, report.AddedAnything ? report.ToString() : "nothing new");
        return report;
    }

    /// <summary>A published demo programme for the seeded Activity Week; an event is known by its contest and title.</summary>
    private async Task<int> LoadDemoActivityEventsAsync(SeedFiles files, CancellationToken ct)
    {
        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var seed in await files.ActivityEventsAsync(ct))
        {
            var contest = await db.Contests.SingleOrDefaultAsync(c => c.Slug == seed.ContestSlug && c.EditionYear == seed.EditionYear, ct);
            if (contest is null || await db.ActivityEvents.AnyAsync(e => e.ContestId == contest.Id && e.Title == seed.Title, ct)) continue;
            db.ActivityEvents.Add(new Features.ActivityWeek.ActivityEvent
            {
                ContestId = contest.Id, Type = seed.Type, Title = seed.Title, TitleEn = seed.TitleEn,
                Description = seed.Description, DescriptionEn = seed.DescriptionEn,
                DepartmentId = seed.Department is { } code ? Lookup(departments, code, seed.ContestSlug).Id : null,
                Venue = seed.Venue, VenueEn = seed.VenueEn, StartsAt = seed.StartsAt.UtcDateTime, EndsAt = seed.EndsAt.UtcDateTime, Capacity = seed.Capacity,
                Tags = seed.Tags, TagsEn = seed.TagsEn ?? [], RequiresSignup = seed.RequiresSignup, IsPublished = true, CreatedAt = now, UpdatedAt = now,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<int> EnsureRolesAsync()
    {
        var added = 0;
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            added++;
        }
        return added;
    }

    private async Task<int> LoadDepartmentsAsync(SeedFiles files, CancellationToken ct)
    {
        var existing = await db.Departments.Select(d => d.Code).ToHashSetAsync(ct);
        var added = (await files.DepartmentsAsync(ct)).Where(d => !existing.Contains(d.Code))
            .Select(d => new Department { Code = d.Code, Name = d.Name, NameEn = d.NameEn }).ToList();
        db.Departments.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    private async Task<int> LoadContestsAsync(SeedFiles files, CancellationToken ct)
    {
        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, ct);
        var templates = (await files.RubricTemplatesAsync(ct)).ToDictionary(t => t.Code);
        var existing = await db.Contests.Select(c => new { c.Slug, c.EditionYear }).ToListAsync(ct);
        var added = 0;
        foreach (var seed in await files.ContestsAsync(ct))
        {
            if (existing.Any(e => e.Slug == seed.Slug && e.EditionYear == seed.EditionYear)) continue;
            db.Contests.Add(new Contest
            {
                Slug = seed.Slug,
                Name = seed.Name,
                NameEn = seed.NameEn,
                Kind = seed.Kind,
                EditionYear = seed.EditionYear,
                Description = seed.Description,
                DescriptionEn = seed.DescriptionEn,
                RulesText = seed.RulesText ?? "",
                RulesTextEn = seed.RulesTextEn ?? "",
                Placement = seed.Placement,
                LeadDepartment = Lookup(departments, seed.LeadDepartment, seed.Slug),
                CoOrganizers = seed.CoOrganizers.Select(code => Lookup(departments, code, seed.Slug)).ToList(),
                IndustryFields = seed.IndustryFields,
                IndustryFieldsEn = seed.IndustryFieldsEn ?? [],
                IsPublished = true,
                RegistrationOpensAt = seed.RegistrationOpens?.UtcDateTime,
                RegistrationClosesAt = seed.RegistrationCloses?.UtcDateTime,
                MinTeamSize = seed.MinTeamSize,
                MaxTeamSize = seed.MaxTeamSize,
                Tracks = seed.Tracks.Select((t, i) => new ContestTrack
                {
                    Code = t.Code, Name = t.Name, NameEn = t.NameEn, Description = t.Description ?? "", SortOrder = i + 1,
                    RequiredMaterials = t.RequiredMaterials ?? [], Eligibility = t.Eligibility ?? new(),
                }).ToList(),
                Rounds = seed.Rounds.Select((r, i) => new Round
                {
                    Sequence = i + 1, Name = r.Name, NameEn = r.NameEn, Kind = r.Kind, Status = RoundStatus.Draft,
                    StartsAt = r.StartsAt?.UtcDateTime, EndsAt = r.EndsAt?.UtcDateTime,
                    Description = r.Description ?? "", DescriptionEn = r.DescriptionEn,
                    Criteria = (templates.TryGetValue(r.Rubric, out var t) ? t : throw new InvalidDataException(
                            $"contest {seed.Slug}: rubric template '{r.Rubric}' is not in rubric-templates.json"))
                        .Criteria.Select((c, j) => new RubricCriterion
                        {
                            Sequence = j + 1, Name = c.Name, NameEn = c.NameEn, Description = c.Description ?? "",
                            DescriptionEn = c.DescriptionEn, MaxPointsHundredths = (int)(c.MaxPoints * 100),
                        }).ToList(),
                }).ToList(),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<int> LoadPreviousWinnersAsync(SeedFiles files, CancellationToken ct)
    {
        var existing = await db.PreviousWinners.Select(w => w.ContestSlug + "/" + w.CreditCode).ToHashSetAsync(ct);
        var added = (await files.PreviousWinnersAsync(ct)).Where(w => !existing.Contains(w.ContestSlug + "/" + w.CreditCode))
            .Select(w => new PreviousWinner
            {
                ContestSlug = w.ContestSlug, CreditCode = w.CreditCode, CompanyName = w.CompanyName, Year = w.Year, Award = w.Award ?? "",
            }).ToList();
        db.PreviousWinners.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    private static Department Lookup(Dictionary<string, Department> departments, string code, string contest) =>
        departments.TryGetValue(code, out var d) ? d : throw new InvalidDataException($"contest {contest}: department '{code}' is not in departments.json");

    private async Task<int> LoadDemoUsersAsync(SeedFiles files, CancellationToken ct)
    {
        DemoUsers = await files.DemoUsersAsync(ct);
        var added = 0;
        foreach (var seed in DemoUsers)
        {
            if (await users.FindByEmailAsync(seed.Email) is not null) continue;
            var user = await CreateUserAsync(seed.Email, seed.Password, seed.DisplayName, seed.Roles);
            var contests = await db.Contests.Where(c => (seed.Organizes ?? new List<string>()).Contains(c.Slug)).ToListAsync(ct);
            db.ContestOrganizers.AddRange(contests.Select(c => new ContestOrganizer
            {
                ContestId = c.Id, UserId = user.Id, AssignedAt = clock.GetUtcNow().UtcDateTime,
            }));
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added;
    }

    /// <summary>
    /// Demo judges sit in the pools of their contests (accepted) and have a profile. Done for existing accounts too, by
    /// (contest, email) and user id, so a database seeded before judging existed gets them on the next start.
    /// </summary>
    private async Task<int> LoadDemoJudgingAsync(CancellationToken ct)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var seed in DemoUsers.Where(u => u.Judges is { Count: > 0 } || u.Profile is not null))
        {
            var user = await users.FindByEmailAsync(seed.Email)
                ?? throw new InvalidOperationException($"Demo judge {seed.Email} was not created");
            var slugs = seed.Judges ?? [];
            var contests = await db.Contests.Where(c => slugs.Contains(c.Slug))
                .Select(c => new { c.Id, c.Slug, Organizer = c.Organizers.Select(o => o.UserId).FirstOrDefault() }).ToListAsync(ct);
            var seated = await db.ContestJudges.Where(j => j.Email == seed.Email).Select(j => j.ContestId).ToListAsync(ct);
            foreach (var contest in contests.Where(c => !seated.Contains(c.Id)))
            {
                db.ContestJudges.Add(new ContestJudge
                {
                    ContestId = contest.Id, Email = seed.Email, Name = seed.DisplayName, UserId = user.Id, Status = JudgeStatus.Accepted,
                    InvitedAt = now, AnsweredAt = now, InvitedByUserId = contest.Organizer ?? user.Id,
                });
                added++;
            }
            if (seed.Profile is { } p && !await db.JudgeProfiles.AnyAsync(x => x.UserId == user.Id, ct))
            {
                var holdings = p.Holdings ?? [];
                foreach (var code in holdings.Select(h => h.CreditCode).Append(p.AffiliationCreditCode).OfType<string>())
                    if (!CreditCode.IsValid(code))
                        throw new InvalidDataException($"demo-users.json: credit code {code} of {seed.Email} is not valid");
                db.JudgeProfiles.Add(new JudgeProfile
                {
                    UserId = user.Id, Expertise = p.Expertise, Affiliation = p.Affiliation, AffiliationCreditCode = p.AffiliationCreditCode,
                    Title = p.Title, UpdatedAt = now,
                    Holdings = holdings.Select(h => new JudgeHolding { CompanyName = h.CompanyName, CreditCode = h.CreditCode, Kind = h.Kind }).ToList(),
                });
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    private async Task<bool> BootstrapAdminAsync()
    {
        var options = admin.Value;
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrEmpty(options.Password)) return false;
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return false;
        var existing = await users.FindByEmailAsync(options.Email);
        if (existing is not null)
            Check(await users.AddToRoleAsync(existing, Roles.Admin), $"admin role for {options.Email}");
        else
            await CreateUserAsync(options.Email, options.Password, options.DisplayName, [Roles.Admin]);
        logger.LogWarning("First administrator {Email} created from configuration", LogMask.Email(options.Email));
        return true;
    }

    private async Task<AppUser> CreateUserAsync(string email, string password, string displayName, IEnumerable<string> roleNames)
    {
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Check(await users.CreateAsync(user, password), $"user {email}");
        Check(await users.AddToRolesAsync(user, roleNames), $"roles of {email}");
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
