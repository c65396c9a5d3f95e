plugins {
    `java-library`
}
dependencies {
    implementation("org.springframework.boot:spring-boot-starter-web:3.2.0")
    testImplementation(group = "junit", name = "junit")
}
