package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsbed.cli.server.ServerProcess.Answer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/** The experiment page in a real browser: live node progress, failures with their reason, who may see it. */
class WebExperimentPageTest {
  static WebSite site;
  static Browser browser;

  /** One node that comes up, and a nonfatal one on a pc3000, whose nodes never boot on this site. */
  static final String ONE_STUCK = """
      source tb_compat.tcl
      set ns [new Simulator]
      set good [$ns node]
      set stuck [$ns node]
      tb-set-hardware $stuck pc3000
      tb-set-node-failure-action $stuck nonfatal
      $ns run
      """;

  @BeforeAll
  static void start() {
    site = WebSite.get();
    browser = site.browser();
  }

  private static void begin(String eid, String ns) throws Exception {
    Answer a = site.server.post(site.server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", eid, "nsFile", ns, "swapIn", true, "description", "from the API"));
    assertEquals(201, a.status(), a.body());
  }

  @Test
  void aNonfatalNodeThatNeverBootsShowsAsFailedWithItsReasonWhileTheExperimentIsActive() throws Exception {
    begin("stuck", ONE_STUCK);
    browser.signIn("alice");
    browser.open("/experiments/testbed/stuck");
    browser.await(d -> browser.find(By.id("state")).getText().equals("active")
        && browser.find(By.id("node-stuck")).getAttribute("data-status").equals("failed")
        && browser.find(By.id("node-good")).getAttribute("data-status").equals("up"), 120);
    WebElement stuck = browser.find(By.id("node-stuck"));
    assertTrue(stuck.getText().contains("nonfatal"), stuck.getText());
    String reason = stuck.findElement(By.className("reason")).getText();
    assertFalse(reason.isBlank(), "the failed node's reason is shown");
    assertTrue(browser.find(By.id("timeline")).findElements(By.cssSelector("rect.bar-load")).size() >= 1,
        "the timeline has load bars");
    browser.screenshot("experiment-failed-node");
  }

  @Test
  void onAPhoneEveryMainPageFitsTheScreenWidth() throws Exception {
    begin("phone", ONE_STUCK);
    browser.signIn("alice");
    Dimension laptop = browser.driver().manage().window().getSize();
    try {
      browser.driver().manage().window().setSize(new Dimension(390, 844));
      for (String page : List.of("/experiments", "/experiments/testbed/phone", "/experiments/new", "/images",
          "/images/new", "/osids")) {
        browser.open(page);
        Object overflow = browser.driver().executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), page + " scrolls sideways on a phone");
      }
      browser.open("/experiments/testbed/phone");
      browser.screenshot("experiment-phone");
    } finally {
      browser.driver().manage().window().setSize(laptop);
    }
  }

  @Test
  void aUserOfAnotherProjectGetsTheNotAllowedPageAndDoesNotSeeTheExperimentListed() throws Exception {
    begin("private", "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    browser.signIn("bob");
    browser.open("/experiments");
    assertFalse(browser.text().contains("private"), browser.text());
    browser.open("/experiments/testbed/private");
    assertTrue(browser.text().contains("403"), browser.text());
    assertTrue(browser.text().contains("may not act in project testbed"), browser.text());
    assertEquals("Not allowed · nsbed", browser.driver().getTitle());
    browser.signIn("alice");
    browser.open("/experiments");
    assertTrue(browser.find(By.id("experiments")).getText().contains("private"));
  }
}
