plugins {
    application
    `maven-publish`
}
version = "1.4.2"
application { mainClass.set("com.acme.MainKt") }
jar { manifest { attributes["Main-Class"] = "x" } }
dependencies { implementation("info.picocli:picocli:4.7.6") }
