package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Begin an Experiment in a real browser: an NS file's errors at their lines, user text shown as text. */
class WebBeginExperimentTest {
  static WebSite site;
  static Browser browser;
  static final Path UNKNOWN_OS = Path.of("../examples-ns/broken-unknown-os.ns").toAbsolutePath().normalize();

  @BeforeAll
  static void start() {
    site = WebSite.get();
    browser = site.browser();
  }

  private static void fill(String name, String description) {
    browser.open("/experiments/new");
    new Select(browser.find(By.id("project"))).selectByValue("testbed");
    browser.find(By.id("name")).sendKeys(name);
    browser.find(By.id("description")).sendKeys(description);
  }

  @Test
  void aBrokenNsFileShowsItsErrorAtTheRightLineAndCreatesNothing() throws Exception {
    browser.signIn("alice");
    fill("broken", "an OS name with a typo");
    browser.find(By.id("nsfile")).sendKeys(UNKNOWN_OS.toString());
    browser.find(By.xpath("//button[text()='Check the NS file']")).click();
    WebElement checked = browser.await(d -> d.findElement(By.id("ns-check"))
        .findElements(By.cssSelector("li#line-10.bad")).stream().findFirst().orElse(null), 60);
    assertTrue(checked.getText().contains("Invalid osid FBSD-STDD"), checked.getText());
    browser.find(By.id("begin")).submit();
    WebElement line = browser.await(d -> d.findElements(By.cssSelector("li#line-10.bad")).stream().findFirst()
        .orElse(null), 60);
    assertTrue(line.getText().contains("tb-set-node-os $node(2) FBSD-STDD"), line.getText());
    assertTrue(line.getText().contains("error: [tb-set-node-os] Invalid osid FBSD-STDD."), line.getText());
    assertEquals(1, browser.driver().findElements(By.cssSelector("ol.source li.bad")).size(), "only line 10");
    assertTrue(browser.find(By.id("ns-message")).getText().contains("broken-unknown-os.ns has 1 error(s); nothing "
        + "was created"));
    assertTrue(browser.find(By.id("diagnostics")).getText().contains("broken-unknown-os.ns:10:1"));
    assertEquals("broken", browser.find(By.id("name")).getAttribute("value"), "the form comes back filled in");
    browser.screenshot("begin-experiment-error");
    assertEquals(404, site.server.get(site.server.aliceToken, "/api/v1/experiments/testbed/broken").status());
  }

  @Test
  void aDescriptionWithAScriptShowsAsText() throws Exception {
    String description = "<script>window.injected = 1</script><b>bold?</b> \"quoted\" & more";
    browser.signIn("alice");
    fill("scripted", description);
    browser.find(By.id("nstext")).sendKeys("source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    browser.find(By.id("swapin")).click();
    browser.find(By.id("begin")).submit();
    browser.await(d -> browser.path().equals("/experiments/testbed/scripted"), 60);
    assertEquals(description, browser.find(By.id("description")).getText());
    assertEquals(null, browser.driver().executeScript("return window.injected;"));
    assertEquals(0, browser.find(By.id("description")).findElements(By.tagName("b")).size());
    assertEquals("swapped", browser.find(By.id("state")).getText(), "not swapped in: the box was unticked");
    browser.open("/experiments");
    assertTrue(browser.find(By.id("experiments")).getText().contains(description));
    assertEquals(null, browser.driver().executeScript("return window.injected;"));
  }
}
