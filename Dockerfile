# A server image from the release jar. Build the jar first, then the image:
#   mvn -B package -DskipTests && docker build -t shipwatch .
# Run it with a write token (without one the server only listens on loopback, useless in a container):
#   docker run -p 8080:8080 -e SHIPWATCH_TOKEN=<16+ characters> -v shipwatch:/var/lib/shipwatch shipwatch
# For several instances, point them at one PostgreSQL: -e SHIPWATCH_DB=jdbc:postgresql://db:5432/shipwatch?user=…
# Orchestrators probe GET /readyz (database reachable) and GET /healthz (process up).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/shipwatch --create-home shipwatch
COPY target/shipwatch.jar /opt/shipwatch/shipwatch.jar
USER shipwatch
WORKDIR /var/lib/shipwatch
VOLUME /var/lib/shipwatch
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/shipwatch/shipwatch.jar"]
# the embedded store on the volume; SHIPWATCH_DB=jdbc:postgresql://… replaces it
ENV SHIPWATCH_DB=jdbc:sqlite:/var/lib/shipwatch/shipwatch.db
CMD ["server"]
