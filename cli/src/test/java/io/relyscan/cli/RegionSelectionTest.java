package io.relyscan.cli;

import io.relyscan.collectors.AccountTargets.AccountRegions;
import io.relyscan.collectors.RegionStatus;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.ScanScope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionSelectionTest {
    static final String A = "111122223333";
    static final String B = "222233334444";
    static final String BROKEN = "333344445555";
    static final List<RegionStatus> A_REGIONS = List.of(new RegionStatus("ap-east-1", "opted-in"),
            new RegionStatus("eu-west-1", "opt-in-not-required"), new RegionStatus("us-east-1", "opt-in-not-required"),
            new RegionStatus("cn-north-1", "opt-in-not-required"));
    static final List<RegionStatus> B_REGIONS = List.of(new RegionStatus("ap-east-1", "not-opted-in"),
            new RegionStatus("eu-west-1", "opt-in-not-required"), new RegionStatus("us-east-1", "opt-in-not-required"));
    static final List<AccountRegions> DISCOVERED = List.of(new AccountRegions(A, A_REGIONS, null),
            new AccountRegions(B, B_REGIONS, null),
            new AccountRegions(BROKEN, List.of(), "cannot assume role arn:aws:iam::333344445555:role/Audit"));

    static List<String> render(List<ScanScope> scopes) {
        return scopes.stream().map(s -> s.account() + "/" + s.region()).toList();
    }

    @Test
    void allRegions_scansEachAccountsOwnEnabledRegionsOfThePartition_minusExcluded() {
        List<ScanScope> scopes = new RegionSelection(List.of("eu-west-1")).scopes(DISCOVERED, List.of(), "us-east-1");
        assertThat(render(scopes)).containsExactly(A + "/ap-east-1", A + "/us-east-1", B + "/us-east-1",
                BROKEN + "/us-east-1");
    }

    @Test
    void givenRegions_areNarrowedToWhatEachAccountEnabled_andABrokenAccountKeepsThemAll() {
        List<ScanScope> scopes = new RegionSelection(List.of()).scopes(DISCOVERED, List.of("us-east-1", "ap-east-1"),
                "us-east-1");
        assertThat(render(scopes)).containsExactly(A + "/us-east-1", A + "/ap-east-1", B + "/us-east-1",
                BROKEN + "/us-east-1", BROKEN + "/ap-east-1");
    }

    @Test
    void anAccountWithNoneOfTheRegionsEnabled_hasNoScope() {
        List<ScanScope> scopes = new RegionSelection(List.of()).scopes(List.of(new AccountRegions(B, B_REGIONS, null)),
                List.of("ap-east-1"), "us-east-1");
        assertThat(scopes).isEmpty();
    }

    @Test
    void withoutExcluded_refusesToLeaveNothing() {
        RegionSelection selection = new RegionSelection(List.of("us-east-1"));
        assertThat(selection.withoutExcluded(List.of("us-east-1", "eu-west-1"))).containsExactly("eu-west-1");
        assertThatThrownBy(() -> selection.withoutExcluded(List.of("us-east-1"))).isInstanceOf(InputException.class)
                .hasMessage("no region left to scan: --exclude-region removes every region of us-east-1");
    }
}
