using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.ScaleOut;

/// <summary>
/// A test of the app deployed on several instances (<see cref="Deployment"/>): on PostgreSQL whatever database the suite
/// runs on, so it runs once per suite run, in the PostgreSQL pass (CHUB_TEST_DATABASE=PostgreSql with CHUB_TEST_POSTGRES).
/// </summary>
public sealed class DeploymentFactAttribute : FactAttribute
{
    public DeploymentFactAttribute()
    {
        if (!TestDatabase.IsPostgreSql || !Deployment.Available)
            Skip = "Runs in the PostgreSQL pass of the suite (CHUB_TEST_DATABASE=PostgreSql and CHUB_TEST_POSTGRES).";
    }
}
