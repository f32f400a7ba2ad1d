package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The user document's workflow (creating-custom-os-images.md) in a real browser, as a testbed
 * user does it: begin an experiment from seed.ns, watch both nodes come up, create an image
 * descriptor from a node, begin a second experiment on the new OSID, see it up, load the node
 * back with the default image, read its console, swap both out.
 */
class WebSeedWorkflowTest {
  static WebSite site;
  static Browser browser;
  static final Path SEED = Path.of("../examples-ns/seed.ns").toAbsolutePath().normalize();

  @BeforeAll
  static void start() {
    site = WebSite.get();
    browser = site.browser();
  }

  private static String status(String node) {
    return browser.find(By.id("node-" + node)).getAttribute("data-status");
  }

  private static void awaitActive(String... nodes) {
    browser.await(d -> {
      if (!browser.find(By.id("state")).getText().equals("active")) {
        return false;
      }
      for (String n : nodes) {
        if (!status(n).equals("up")) {
          return false;
        }
      }
      return true;
    }, 240);
  }

  private static void begin(String name, String description) {
    browser.open("/experiments/new");
    new Select(browser.find(By.id("project"))).selectByValue("testbed");
    browser.find(By.id("name")).sendKeys(name);
    browser.find(By.id("description")).sendKeys(description);
  }

  private static void swapOut(String eid) {
    browser.open("/experiments/testbed/" + eid);
    browser.click(By.xpath("//button[text()='Swap out']"));
    browser.await(d -> browser.path().equals("/experiments/testbed/" + eid)
        && browser.find(By.id("state")).getText().equals("swapped"), 240);
  }

  @Test
  void theSeedWorkflowRunsInTheBrowser() {
    browser.signIn("alice");
    begin("seedweb", "the seed experiment, from the browser");
    browser.find(By.id("nsfile")).sendKeys(SEED.toString());
    browser.find(By.id("begin")).submit();
    browser.await(d -> browser.path().equals("/experiments/testbed/seedweb"), 60);
    awaitActive("nodeA", "nodeB");
    browser.screenshot("experiment");
    String pcA = browser.find(By.cssSelector("#node-nodeA td a")).getText();

    browser.click(By.cssSelector("#node-nodeA a[href^='/images/new']"));
    assertEquals(pcA, browser.find(By.id("snapshot-node")).getAttribute("value"), "Snapshot fills in the node");
    browser.find(By.id("name")).sendKeys("WEBIMG");
    browser.find(By.id("description")).sendKeys("FreeBSD with my changes");
    new Select(browser.find(By.id("os"))).selectByValue("FreeBSD");
    browser.find(By.id("version")).sendKeys("10.3");
    browser.find(By.id("type-pc850")).click();
    browser.screenshot("image-new");
    browser.find(By.id("image-form")).submit();
    browser.await(d -> browser.path().startsWith("/images?created=testbed/WEBIMG"), 60);
    assertTrue(browser.find(By.id("notice")).getText().contains("snapshot of " + pcA), browser.text());
    browser.await(d -> {
      browser.open("/images");
      return browser.find(By.id("image-testbed-WEBIMG")).findElement(By.className("file")).getText().contains("MiB");
    }, 240);
    browser.screenshot("images");
    browser.open("/osids");
    assertTrue(browser.find(By.id("osids")).getText().contains("testbed/WEBIMG"));

    begin("seedtest", "on the new image");
    browser.find(By.id("nstext")).sendKeys("source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
        + "tb-set-node-os $n WEBIMG\n$ns run\n");
    browser.find(By.id("begin")).submit();
    browser.await(d -> browser.path().equals("/experiments/testbed/seedtest"), 60);
    awaitActive("n");
    WebElement row = browser.find(By.id("node-n"));
    assertTrue(row.getText().contains("testbed/WEBIMG"), row.getText());
    String pcB = browser.find(By.cssSelector("#node-n td a")).getText();
    assertNotEquals(pcA, pcB);

    new Select(browser.find(By.id("image-n"))).selectByValue("");
    browser.click(By.xpath("//tr[@id='node-n']//button[text()='Reload']"));
    browser.await(d -> browser.path().equals("/experiments/testbed/seedtest")
        && browser.find(By.id("node-n")).getText().contains("emulab-ops/Ubuntu-STD") && status("n").equals("up"), 240);

    browser.open("/nodes/" + pcB + "/console");
    browser.await(d -> browser.find(By.id("console")).getText().contains("login:"), 60);
    browser.screenshot("console");

    swapOut("seedtest");
    swapOut("seedweb");
    browser.open("/experiments");
    String list = browser.find(By.id("experiments")).getText();
    assertTrue(list.contains("seedweb") && list.contains("seedtest"), list);
    browser.screenshot("experiments");
  }
}
