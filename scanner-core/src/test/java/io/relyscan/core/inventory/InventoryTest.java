package io.relyscan.core.inventory;

import io.relyscan.core.fixture.InventoryFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryTest {
    @Test
    void indexes_byTypeArnAndTag() {
        Inventory inv = InventoryFixture.create()
                .dbInstance("b", db -> db.tag("backup", "daily"))
                .dbInstance("a", db -> db)
                .subnet("subnet-1", "us-east-1a")
                .build();
        assertThat(inv.all(DbInstance.class)).extracting(DbInstance::identifier).containsExactly("a", "b");
        assertThat(inv.all(Subnet.class)).hasSize(1);
        assertThat(inv.all(Alarm.class)).isEmpty();
        assertThat(inv.byArn("arn:aws:rds:us-east-1:111122223333:db:a", DbInstance.class)).isPresent();
        assertThat(inv.byArn("arn:aws:rds:us-east-1:111122223333:db:a", Subnet.class)).isEmpty();
        assertThat(inv.byTag("backup", "daily")).extracting(Resource::displayName).containsExactly("b");
        assertThat(inv.byTag("backup", "weekly")).isEmpty();
    }

    @Test
    void rejectsDuplicateArns() {
        assertThatThrownBy(() -> InventoryFixture.create().dbInstance("a", db -> db).dbInstance("a", db -> db).build())
                .hasMessageContaining("duplicate resource ARN");
    }

    @Test
    void tags_areSortedAndImmutable() {
        Inventory inv = InventoryFixture.create().dbInstance("a", db -> db.tag("z", "1").tag("a", "2")).build();
        DbInstance db = inv.all(DbInstance.class).get(0);
        assertThat(db.tags().keySet()).containsExactly("a", "z");
        assertThatThrownBy(() -> db.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void coverage_isWholeOnlyWhenEveryEntryIsComplete() {
        assertThat(InventoryFixture.create().build().coverage().isWhole()).isTrue();
        Coverage partial = InventoryFixture.create().failed(AwsService.EC2).build().coverage();
        assertThat(partial.isWhole()).isFalse();
        assertThat(partial.incomplete()).extracting(CoverageEntry::service).containsExactly(AwsService.EC2);
        assertThatThrownBy(() -> new CoverageEntry("111122223333", "us-east-1", AwsService.EC2,
                CollectionStatus.COMPLETE, List.of(new CoverageGap("x", GapReason.TIMEOUT, "t"))))
                .hasMessageContaining("cannot have gaps");
    }
}
