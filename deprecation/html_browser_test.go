package deprecation

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/internal/browsertest"
)

// wideReport is a deprecation report with what makes the table wide: long
// element paths, replacements, owners and many consumers with their ranges.
func wideReport() *Report {
	r := &Report{AsOf: "2027-01-15", Entries: []Entry{}, Errors: []ContractError{}, Ignores: []contract.IgnoreEntry{}}
	statuses := []string{Overdue, Due, Scheduled, NoSunset, InvalidSunset}
	for i := range 10 {
		days := 30*i - 60
		e := Entry{Contract: fmt.Sprintf("orders-%d", i), Format: "protobuf", Owner: "team-orders-and-fulfilment", Kind: "field",
			Path: fmt.Sprintf("acme.commerce.orders.fulfilment.v%d.OrderLineItemAdjustment.legacy_discount_amount_minor_units", i),
			File: "proto/acme/commerce/orders/fulfilment/v1/order_line_item_adjustment.proto", Line: 40 + i,
			Since: &Since{Version: "1.4.0", Date: "2026-09-15"}, Sunset: "2027-03-31", DaysLeft: &days, Status: statuses[i%len(statuses)],
			Replacement: "acme.commerce.orders.fulfilment.v2.OrderLineItemAdjustment.discount", Versions: []string{"1.4.0", "1.5.0", "2.0.0"}}
		for j := range 6 {
			e.Consumers = append(e.Consumers, ConsumerRef{Name: fmt.Sprintf("billing-reconciliation-service-%d", j), Range: ">=1.4.0 <3.0.0"})
		}
		r.Entries = append(r.Entries, e)
	}
	r.Totals = Totals{Deprecated: 10, Contracts: 10, Overdue: 2, Due: 2, Scheduled: 2, NoSunset: 2, InvalidSunset: 2, Consumers: 6}
	left := 9
	r.Ignores = append(r.Ignores, contract.IgnoreEntry{Contract: "orders-1", Rule: "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
		Element: "acme.commerce.orders.fulfilment.v1.OrderLineItemAdjustment.legacy_discount_amount_minor_units",
		Reason:  "billing-reconciliation-service still reads it until the Q1 migration is complete", Owner: "team-orders-and-fulfilment",
		Ticket: "https://tracker.example.com/browse/ORDERS-12345", Expires: "2027-01-24", State: ignores.Soon, DaysLeft: &left,
		File: "contractlint.yaml", Line: 12, Column: 9})
	return r
}

// TestHTMLFitsTheWindow loads the deprecation page in headless Chromium at
// the width of a laptop (1280 px; wider windows only widen the columns): no column may be cut off. It also
// prints the page to PDF. Skipped when Chromium is not installed.
func TestHTMLFitsTheWindow(t *testing.T) {
	t.Parallel()
	chromium := browsertest.Require(t)
	var page bytes.Buffer
	if err := Render(&page, wideReport(), "html"); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{1280} {
		l := browsertest.Measure(t, chromium, page.Bytes(), width, "deprecations")
		if !l.Fits() {
			t.Errorf("at %d px the page is %d px wide; cut off: %s", width, l.Scroll, strings.Join(l.Cut, "; "))
		}
	}
	if n := browsertest.PrintPDF(t, chromium, page.Bytes(), "deprecations"); n < 1000 {
		t.Errorf("printed PDF is %d bytes", n)
	}
}
